/// Injected faults (docs/microsoft-365.md §7) plus Graph's own per-mailbox concurrency limit. Set per run with
/// `EmulatorConfiguration.faults`, at run time with `GraphEmulator.setFaults(_:)` or
/// `POST /_emulator/faults`. `EmulatorFaults()` means "no injected faults": every probability 0, no
/// latency, the configured token lifetime, and the real MailboxConcurrency limit (4) enforced.
///
/// Faults apply to Graph routes (`/v1.0/…`), never to the side door, and to the token endpoint only
/// with `faultTokenEndpoint`. A faulted request (other than `gatewayTimeout504AfterCommit`) never reaches
/// its handler, so it changes nothing. Draws come from a generator seeded with `seed` (or one derived
/// from `EmulatorConfiguration.seed`) and reseeded whenever the faults are set, so a sequence of
/// requests meets the same faults on every run.
public struct EmulatorFaults: Sendable, Hashable {
    // MARK: - Probabilities (0…1) per request

    /// 429 `TooManyRequests` with a fractional `Retry-After` from `retryAfterSeconds` (fixture
    /// error-throttled.json).
    public var throttle429: Double = 0
    /// 503 `serviceNotAvailable` with a `Retry-After` from `retryAfterSeconds`.
    public var unavailable503: Double = 0
    /// Writes only (POST/PATCH/DELETE on events): the write is performed, then the answer is 504, so
    /// the client cannot know it happened. Applied (and counted) only when the write succeeded.
    public var gatewayTimeout504AfterCommit: Double = 0
    /// The request is not performed and the server drops the connection without a response (the
    /// test-only `HTTPResponse.dropConnection()` marker).
    public var connectionReset: Double = 0
    /// Delta requests that present a `$deltatoken`: the server loses that sync state (the token is
    /// evicted) and answers 410 `SyncStateNotFound`; the token stays gone.
    public var deltaSyncStateLoss: Double = 0

    // MARK: - Shapes

    /// The range `Retry-After` values are drawn from (seconds, millisecond resolution), for the 429s
    /// and 503s above and for the MailboxConcurrency 429.
    public var retryAfterSeconds: ClosedRange<Double> = 0.05...0.5
    /// Added to every Graph response (Task.sleep; the request stays in flight meanwhile).
    public var addedLatencyMs: Int = 0
    /// Plus 0…N ms drawn per request.
    public var latencyJitterMs: Int = 0

    // MARK: - Other knobs

    /// `expires_in` of tokens issued from now on (nil: `EmulatorConfiguration.accessTokenLifetimeSeconds`
    /// plus its jitter). Setting it at run time also cuts tokens already issued down to at most this
    /// many seconds from now, so "tokens expire every N s" holds at once.
    public var accessTokenLifetimeSeconds: Int? = nil
    /// Also inject `connectionReset`, `unavailable503`, `throttle429` and latency on the token endpoint
    /// (errors in the Entra shape, `temporarily_unavailable`).
    public var faultTokenEndpoint: Bool = false
    /// Real Graph: more than `mailboxConcurrencyLimit` concurrent requests for one app + mailbox →
    /// 429 `ApplicationThrottled` "Application is over its MailboxConcurrency limit." (OBS).
    public var enforceMailboxConcurrencyLimit: Bool = true
    public var mailboxConcurrencyLimit: Int = 4
    /// Seed for the fault draws; nil derives one from `EmulatorConfiguration.seed`.
    public var seed: UInt64? = nil

    public init() {}

    /// The JSON field names `POST /_emulator/faults` accepts (and `GET` shows).
    public static let fieldNames: Set<String> = [
        "throttle429", "unavailable503", "gatewayTimeout504AfterCommit", "connectionReset", "deltaSyncStateLoss",
        "retryAfterSeconds", "addedLatencyMs", "latencyJitterMs", "accessTokenLifetimeSeconds", "faultTokenEndpoint",
        "enforceMailboxConcurrencyLimit", "mailboxConcurrencyLimit", "seed",
    ]

    // MARK: - JSON (side door)

    /// Parses a side-door body: every field optional, the rest taken from `base` (`EmulatorFaults()` for
    /// POST, so `{}` resets; the current faults for PATCH). Unknown fields and out-of-range values are
    /// rejected, so a typo cannot silently leave a fault off. `retryAfterSeconds` is a number or a
    /// `[min, max]` pair; `accessTokenLifetimeSeconds` and `seed` may be null.
    public init(json: EmulatorJSON, base: EmulatorFaults = EmulatorFaults()) throws(GraphError) {
        guard let object = json.objectValue else { throw Self.invalid("The body must be a JSON object.") }
        if let unknown = object.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw Self.invalid("Unknown fault '\(unknown)'. Known: \(Self.fieldNames.sorted().joined(separator: ", ")).")
        }
        self = base
        func probability(_ name: String, _ target: inout Double) throws(GraphError) {
            guard let value = object[name] else { return }
            guard let p = value.numberValue, (0...1).contains(p) else {
                throw Self.invalid("'\(name)' must be a number from 0 to 1.")
            }
            target = p
        }
        func count(_ name: String, minimum: Int) throws(GraphError) -> Int? {
            guard let value = object[name] else { return nil }
            guard let n = value.intValue, n >= minimum else { throw Self.invalid("'\(name)' must be an integer ≥ \(minimum).") }
            return n
        }
        func flag(_ name: String) throws(GraphError) -> Bool? {
            guard let value = object[name] else { return nil }
            guard let b = value.boolValue else { throw Self.invalid("'\(name)' must be true or false.") }
            return b
        }
        try probability("throttle429", &throttle429)
        try probability("unavailable503", &unavailable503)
        try probability("gatewayTimeout504AfterCommit", &gatewayTimeout504AfterCommit)
        try probability("connectionReset", &connectionReset)
        try probability("deltaSyncStateLoss", &deltaSyncStateLoss)
        if let value = object["retryAfterSeconds"] {
            let bounds = value.numberValue.map { [$0, $0] } ?? value.arrayValue?.compactMap(\.numberValue) ?? []
            guard bounds.count == 2, value.arrayValue.map({ $0.count == 2 }) ?? true, bounds[0] >= 0, bounds[0] <= bounds[1],
                bounds[1] <= 86_400
            else { throw Self.invalid("'retryAfterSeconds' must be a number or [min, max] of seconds, 0 ≤ min ≤ max.") }
            retryAfterSeconds = bounds[0]...bounds[1]
        }
        if let n = try count("addedLatencyMs", minimum: 0) { addedLatencyMs = n }
        if let n = try count("latencyJitterMs", minimum: 0) { latencyJitterMs = n }
        if let value = object["accessTokenLifetimeSeconds"] {
            if value.isNull {
                accessTokenLifetimeSeconds = nil
            } else {
                accessTokenLifetimeSeconds = try count("accessTokenLifetimeSeconds", minimum: 1)
            }
        }
        if let b = try flag("faultTokenEndpoint") { faultTokenEndpoint = b }
        if let b = try flag("enforceMailboxConcurrencyLimit") { enforceMailboxConcurrencyLimit = b }
        if let n = try count("mailboxConcurrencyLimit", minimum: 1) { mailboxConcurrencyLimit = n }
        if let value = object["seed"] {
            if value.isNull {
                seed = nil
            } else {
                guard let n = value.intValue, n >= 0 else { throw Self.invalid("'seed' must be a non-negative integer.") }
                seed = UInt64(n)
            }
        }
    }

    public var json: EmulatorJSON {
        [
            "throttle429": .number(throttle429),
            "unavailable503": .number(unavailable503),
            "gatewayTimeout504AfterCommit": .number(gatewayTimeout504AfterCommit),
            "connectionReset": .number(connectionReset),
            "deltaSyncStateLoss": .number(deltaSyncStateLoss),
            "retryAfterSeconds": [.number(retryAfterSeconds.lowerBound), .number(retryAfterSeconds.upperBound)],
            "addedLatencyMs": .number(Double(addedLatencyMs)),
            "latencyJitterMs": .number(Double(latencyJitterMs)),
            "accessTokenLifetimeSeconds": accessTokenLifetimeSeconds.map { .number(Double($0)) } ?? .null,
            "faultTokenEndpoint": .bool(faultTokenEndpoint),
            "enforceMailboxConcurrencyLimit": .bool(enforceMailboxConcurrencyLimit),
            "mailboxConcurrencyLimit": .number(Double(mailboxConcurrencyLimit)),
            "seed": seed.map { .number(Double($0)) } ?? .null,
        ]
    }

    private static func invalid(_ message: String) -> GraphError {
        GraphError(status: 400, code: "BadRequest", message: message)
    }
}
