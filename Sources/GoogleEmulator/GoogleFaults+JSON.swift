import CalSyncHTTP

// MARK: - JSON for the side door and `--faults`

extension GoogleFaults {
    /// Parses a side-door body: every field optional, the rest taken from `base` (`GoogleFaults()` for POST, so `{}`
    /// resets; the current faults for PATCH). Unknown fields and out-of-range values are refused, so a typo cannot
    /// silently leave a fault off. `retryAfterSeconds` is a number, a `[min, max]` pair or null.
    public init(json: JSONValue, base: GoogleFaults = GoogleFaults()) throws(GoogleError) {
        guard let object = json.objectValue else { throw Self.invalid("The body must be a JSON object.") }
        if let unknown = object.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw Self.invalid("Unknown fault '\(unknown)'. Known: \(Self.fieldNames.sorted().joined(separator: ", ")).")
        }
        self = base
        var probabilities = base.probabilities
        for name in Self.probabilityNames {
            guard let value = object[name] else { continue }
            guard let p = value.numberValue, (0...1).contains(p) else {
                throw Self.invalid("'\(name)' must be a number from 0 to 1.")
            }
            probabilities[name] = p
        }
        self.probabilities = probabilities
        func count(_ name: String, minimum: Int) throws(GoogleError) -> Int? {
            guard let value = object[name], !value.isNull else { return nil }
            guard let n = value.intValue, n >= minimum else { throw Self.invalid("'\(name)' must be an integer ≥ \(minimum).") }
            return n
        }
        func flag(_ name: String) throws(GoogleError) -> Bool? {
            guard let value = object[name] else { return nil }
            guard let b = value.boolValue else { throw Self.invalid("'\(name)' must be true or false.") }
            return b
        }
        if let value = object["retryAfterSeconds"] {
            if value.isNull {
                retryAfterSeconds = nil
            } else {
                let bounds = value.numberValue.map { [$0, $0] } ?? value.arrayValue?.compactMap(\.numberValue) ?? []
                guard bounds.count == 2, value.arrayValue.map({ $0.count == 2 }) ?? true, bounds[0] >= 0,
                    bounds[0] <= bounds[1], bounds[1] <= 86_400
                else { throw Self.invalid("'retryAfterSeconds' must be null, a number or [min, max] of seconds, 0 ≤ min ≤ max.") }
                retryAfterSeconds = bounds[0]...bounds[1]
            }
        }
        if let n = try count("addedLatencyMs", minimum: 0) { addedLatencyMs = n }
        if let n = try count("latencyJitterMs", minimum: 0) { latencyJitterMs = n }
        if let value = object["accessTokenLifetimeSeconds"] {
            accessTokenLifetimeSeconds = value.isNull ? nil : try count("accessTokenLifetimeSeconds", minimum: 1)
        }
        if let b = try flag("faultTokenEndpoint") { faultTokenEndpoint = b }
        if let b = try flag("enforceQuotas") { enforceQuotas = b }
        if let n = try count("userRequestsPerMinute", minimum: 1) { userRequestsPerMinute = n }
        if let n = try count("projectRequestsPerMinute", minimum: 1) { projectRequestsPerMinute = n }
        if let n = try count("projectRateLimitStatus", minimum: 0) {
            guard n == 403 || n == 429 else { throw Self.invalid("'projectRateLimitStatus' must be 403 or 429.") }
            projectRateLimitStatus = n
        }
        if let value = object["seed"] {
            seed = value.isNull ? nil : try count("seed", minimum: 0).map(UInt64.init)
        }
    }

    public var json: JSONValue {
        var object = probabilities.mapValues { JSONValue.number($0) }
        object["retryAfterSeconds"] = retryAfterSeconds.map { [.number($0.lowerBound), .number($0.upperBound)] } ?? .null
        object["addedLatencyMs"] = .number(Double(addedLatencyMs))
        object["latencyJitterMs"] = .number(Double(latencyJitterMs))
        object["accessTokenLifetimeSeconds"] = accessTokenLifetimeSeconds.map { .number(Double($0)) } ?? .null
        object["faultTokenEndpoint"] = .bool(faultTokenEndpoint)
        object["enforceQuotas"] = .bool(enforceQuotas)
        object["userRequestsPerMinute"] = .number(Double(userRequestsPerMinute))
        object["projectRequestsPerMinute"] = .number(Double(projectRequestsPerMinute))
        object["projectRateLimitStatus"] = .number(Double(projectRateLimitStatus))
        object["seed"] = seed.map { .number(Double($0)) } ?? .null
        return .object(object)
    }

    private static func invalid(_ message: String) -> GoogleError {
        GoogleError(status: 400, reason: "invalid", message: message)
    }
}
