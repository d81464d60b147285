import CalSyncHTTP

// MARK: - JSON (side door and `calsync emulator --faults`)

extension EWSFaults {
    /// The JSON field names `POST /_emulator/faults` accepts (and `GET` shows).
    public static let fieldNames: Set<String> = [
        "serverBusy", "serverBusyWithoutBackOff", "unavailable503", "connectionReset", "createCommitThen500",
        "invalidateSyncState", "serverBusyNextRequests", "backOffMilliseconds", "addedLatencyMs", "latencyJitterMs", "seed",
    ]

    /// Reads a JSON object: every field optional, the rest from `base` (`EWSFaults()` for POST, so `{}` turns every
    /// fault off; the current faults for PATCH). Unknown fields and out-of-range values are refused with the reason,
    /// so a typo cannot leave a fault silently off. `backOffMilliseconds` is a number or a `[min, max]` pair.
    public init(json: JSONValue, base: EWSFaults = EWSFaults()) throws(EWSSideDoorError) {
        guard let object = json.objectValue else { throw EWSSideDoorError(400, "The body must be a JSON object.") }
        if let unknown = object.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw EWSSideDoorError(
                400, "Unknown fault '\(unknown)'. Known: \(Self.fieldNames.sorted().joined(separator: ", ")).")
        }
        self = base
        func probability(_ name: String, _ target: inout Double) throws(EWSSideDoorError) {
            guard let value = object[name] else { return }
            guard let p = value.numberValue, (0...1).contains(p) else {
                throw EWSSideDoorError(400, "'\(name)' must be a number from 0 to 1.")
            }
            target = p
        }
        func count(_ name: String) throws(EWSSideDoorError) -> Int? {
            guard let value = object[name] else { return nil }
            guard let n = value.intValue, n >= 0 else { throw EWSSideDoorError(400, "'\(name)' must be an integer ≥ 0.") }
            return n
        }
        try probability("serverBusy", &serverBusy)
        try probability("serverBusyWithoutBackOff", &serverBusyWithoutBackOff)
        try probability("unavailable503", &unavailable503)
        try probability("connectionReset", &connectionReset)
        try probability("createCommitThen500", &createCommitThen500)
        try probability("invalidateSyncState", &invalidateSyncState)
        if let n = try count("serverBusyNextRequests") { serverBusyNextRequests = n }
        if let value = object["backOffMilliseconds"] {
            let bounds = value.intValue.map { [$0, $0] } ?? value.arrayValue?.compactMap(\.intValue) ?? []
            guard bounds.count == 2, value.arrayValue.map({ $0.count == 2 }) ?? true, bounds[0] >= 0, bounds[0] <= bounds[1],
                bounds[1] <= 3_600_000
            else {
                throw EWSSideDoorError(
                    400, "'backOffMilliseconds' must be a number or [min, max] of milliseconds, 0 ≤ min ≤ max ≤ 3600000.")
            }
            backOffMilliseconds = bounds[0]...bounds[1]
        }
        if let n = try count("addedLatencyMs") { addedLatencyMs = n }
        if let n = try count("latencyJitterMs") { latencyJitterMs = n }
        if let value = object["seed"] {
            if value.isNull {
                seed = nil
            } else {
                guard let n = value.intValue, n >= 0 else {
                    throw EWSSideDoorError(400, "'seed' must be a non-negative integer.")
                }
                seed = UInt64(n)
            }
        }
    }

    public var json: JSONValue {
        [
            "serverBusy": .number(serverBusy),
            "serverBusyWithoutBackOff": .number(serverBusyWithoutBackOff),
            "unavailable503": .number(unavailable503),
            "connectionReset": .number(connectionReset),
            "createCommitThen500": .number(createCommitThen500),
            "invalidateSyncState": .number(invalidateSyncState),
            "serverBusyNextRequests": .number(Double(serverBusyNextRequests)),
            "backOffMilliseconds": [
                .number(Double(backOffMilliseconds.lowerBound)), .number(Double(backOffMilliseconds.upperBound)),
            ],
            "addedLatencyMs": .number(Double(addedLatencyMs)),
            "latencyJitterMs": .number(Double(latencyJitterMs)),
            "seed": seed.map { .number(Double($0)) } ?? .null,
        ]
    }
}
