import CalSyncHTTP

/// Injected faults plus Google's real per-user and per-project request quotas (docs/google.md, "Quotas"). Set per
/// run with `GoogleEmulatorConfiguration.faults`, at run time with `GoogleEmulator.setFaults(_:)` or
/// `POST /_emulator/faults`. `GoogleFaults()` injects nothing and enforces the documented quotas.
///
/// Faults apply to Calendar and Directory calls (each call inside a batch on its own), never to the side door, and to
/// the token endpoint only with `faultTokenEndpoint`. A faulted call never reaches its handler, so it changes
/// nothing, except `backendError500AfterCommit`, which answers 500 after the write happened. Draws come from a
/// generator seeded with `seed` (or one derived from the configuration's) and reseeded whenever the faults are set.
public struct GoogleFaults: Sendable, Hashable {
    // MARK: - Probabilities (0…1) per call

    /// 403 `rateLimitExceeded` (fixture error-403-rateLimitExceeded.json).
    public var rateLimit403: Double = 0
    /// 403 `userRateLimitExceeded`.
    public var userRateLimit403: Double = 0
    /// 429 `rateLimitExceeded`.
    public var rateLimit429: Double = 0
    /// 403 `quotaExceeded` "Calendar usage limits exceeded." (not to be retried soon).
    public var quotaExceeded403: Double = 0
    /// 500 `backendError`; nothing happened.
    public var backendError500: Double = 0
    /// Writes only (insert, patch, delete): the write happens, then the answer is 500 `backendError`, so the client
    /// cannot know it did. Counted only when the write succeeded.
    public var backendError500AfterCommit: Double = 0
    /// 503 `backendError` "The service is currently unavailable.".
    public var unavailable503: Double = 0
    /// The connection is dropped without an answer (inside a batch: the whole batch).
    public var connectionReset: Double = 0
    /// Lists that present a `syncToken`: the token is dropped and the answer is 410 `fullSyncRequired`.
    public var syncTokenExpiry: Double = 0

    // MARK: - Shapes

    /// When set, 403 rate limits, 429 and 503 carry a `Retry-After` drawn from this range (seconds). Google does not
    /// document one for Calendar (UNCONFIRMED), so by default none is sent.
    public var retryAfterSeconds: ClosedRange<Double>? = nil
    /// Added to every answer (Task.sleep; the call stays in flight meanwhile), plus 0…`latencyJitterMs`.
    public var addedLatencyMs: Int = 0
    public var latencyJitterMs: Int = 0
    /// `expires_in` of access tokens issued from now on (nil: the configuration's). Setting it also cuts tokens
    /// already issued down to at most this many seconds from now.
    public var accessTokenLifetimeSeconds: Int? = nil
    /// Also inject `connectionReset`, `unavailable503` and `backendError500` on the token endpoint (errors in the
    /// OAuth shape, `internal_failure` / `temporarily_unavailable`).
    public var faultTokenEndpoint: Bool = false

    // MARK: - Real quotas (DOC: per minute, sliding window)

    public var enforceQuotas: Bool = true
    /// Calls per minute per user per project: more get 403 `userRateLimitExceeded`.
    public var userRequestsPerMinute: Int = 600
    /// Calls per minute per project (service account): more get `projectRateLimitStatus` `rateLimitExceeded`.
    public var projectRequestsPerMinute: Int = 10_000
    /// 403 or 429: Google answers either for the project limit ("functionally similar", DOC).
    public var projectRateLimitStatus: Int = 403

    /// Seed for the fault draws; nil derives one from the configuration's seed.
    public var seed: UInt64? = nil

    public init() {}

    static let probabilityNames = [
        "rateLimit403", "userRateLimit403", "rateLimit429", "quotaExceeded403", "backendError500",
        "backendError500AfterCommit", "unavailable503", "connectionReset", "syncTokenExpiry",
    ]

    /// The JSON field names `POST /_emulator/faults` accepts (and `GET` shows).
    public static let fieldNames: Set<String> = Set(probabilityNames).union([
        "retryAfterSeconds", "addedLatencyMs", "latencyJitterMs", "accessTokenLifetimeSeconds", "faultTokenEndpoint",
        "enforceQuotas", "userRequestsPerMinute", "projectRequestsPerMinute", "projectRateLimitStatus", "seed",
    ])

    var probabilities: [String: Double] {
        get {
            [
                "rateLimit403": rateLimit403, "userRateLimit403": userRateLimit403, "rateLimit429": rateLimit429,
                "quotaExceeded403": quotaExceeded403, "backendError500": backendError500,
                "backendError500AfterCommit": backendError500AfterCommit, "unavailable503": unavailable503,
                "connectionReset": connectionReset, "syncTokenExpiry": syncTokenExpiry,
            ]
        }
        set {
            rateLimit403 = newValue["rateLimit403"] ?? 0
            userRateLimit403 = newValue["userRateLimit403"] ?? 0
            rateLimit429 = newValue["rateLimit429"] ?? 0
            quotaExceeded403 = newValue["quotaExceeded403"] ?? 0
            backendError500 = newValue["backendError500"] ?? 0
            backendError500AfterCommit = newValue["backendError500AfterCommit"] ?? 0
            unavailable503 = newValue["unavailable503"] ?? 0
            connectionReset = newValue["connectionReset"] ?? 0
            syncTokenExpiry = newValue["syncTokenExpiry"] ?? 0
        }
    }
}
