/// Knobs for the emulator. Every default reproduces the documented (or most commonly observed)
/// behaviour of real Graph; the knobs marked UNCONFIRMED exist because Microsoft's documentation does not pin
/// the real behaviour down, so tests can exercise the client against each plausible variant.
public struct EmulatorConfiguration: Sendable {
    /// What a repeated `transactionId` with an identical body gets (docs/microsoft-365.md §5, UNCONFIRMED).
    public enum DuplicateTransactionIdBehavior: Sendable, Hashable {
        /// 201 with the event created by the first request (no second event).
        case returnExisting
        /// 400 `ErrorDuplicateTransactionId`, as for a different body.
        case error400
    }

    // MARK: - Tokens (docs/microsoft-365.md §1)

    /// `expires_in` of issued access tokens. The doc sample shows 3599.
    public var accessTokenLifetimeSeconds: Int = 3599
    /// Adds 0…N random seconds to each token's lifetime (real tokens are randomised 60–90 min).
    public var accessTokenLifetimeJitterSeconds: Int = 0
    /// HTTP status for AADSTS7000215 (wrong secret). Commonly 401 (OBS); docs show 400 for token
    /// errors in general. UNCONFIRMED.
    public var wrongSecretStatus: Int = 401

    // MARK: - Paging (docs/microsoft-365.md §2, §3)

    /// calendarView and events list page size without `$top` (10, OBS).
    public var calendarViewDefaultPageSize: Int = 10
    /// Delta page size without `Prefer: odata.maxpagesize`.
    public var deltaDefaultPageSize: Int = 10
    /// `/users` page size without `$top` (100, DOC).
    public var usersDefaultPageSize: Int = 100

    // MARK: - Delta (docs/microsoft-365.md §3b)

    /// Server-side sync-state cache size (delta tokens plus in-progress rounds); the oldest entry is
    /// evicted when it fills and its token then answers 410 `SyncStateNotFound`.
    public var maxDeltaTokens: Int = 1000
    /// Probability that an upserted item is sent a second time later in the same round (replays).
    public var deltaReplayProbability: Double = 0

    // MARK: - Writes (docs/microsoft-365.md §5)

    /// Same transactionId + same body. UNCONFIRMED.
    public var duplicateTransactionIdBehavior: DuplicateTransactionIdBehavior = .returnExisting
    /// HTTP status of `ErrorDuplicateTransactionId` (same id, different body). OBS shows the code but
    /// not the status; UNCONFIRMED (400 or 409).
    public var duplicateTransactionIdStatus: Int = 400

    // MARK: - Directory (docs/microsoft-365.md §2)

    /// Whether `proxyAddresses/any(x:x eq 'smtp:…')` compares the `SMTP:`/`smtp:` prefix
    /// case-sensitively (the rest is always case-insensitive). UNCONFIRMED; docs/microsoft-365.md §2 advises
    /// clients to try both prefixes, which suggests it may be.
    public var proxyAddressPrefixCaseSensitive: Bool = false

    // MARK: - JSON batching (docs/microsoft-365.md §6)

    /// Outer status of a `$batch` whose items include a throttled (429) one. The 2025 revision of
    /// json-batching says 200; the older revision (and Microsoft's dev-proxy) 424. UNCONFIRMED which
    /// one a given tenant sees, so clients must read the items either way.
    public var batchThrottledOuterStatus: Int = 200
    /// The name of the `Retry-After` header inside a throttled item's `headers` (docs/microsoft-365.md §6 notes it
    /// may be lower-case). UNCONFIRMED; lower-case by default so clients must compare case-insensitively.
    public var batchItemRetryAfterHeader: String = "retry-after"
    /// Responses come back in a seeded random order (DOC: order is not guaranteed; correlate by id).
    public var shuffleBatchResponses: Bool = true

    // MARK: - Change notifications (docs/microsoft-365.md, "Change notifications (emulator)")

    /// Subscription lifetime limit, validation handshake, batching and delivery retries.
    public var subscriptions = SubscriptionSettings()

    // MARK: - Determinism

    /// Seed for ids, tokens, replays and jitter.
    public var seed: UInt64 = 0x00C0_FFEE

    // MARK: - Fault injection (docs/microsoft-365.md §7)

    /// Throttling and transient faults (429 `TooManyRequests` with fractional `Retry-After`, 503, 504
    /// after commit, dropped connections, added latency, delta sync-state loss, token lifetime) and
    /// the real per-app-per-mailbox concurrency limit (429 `ApplicationThrottled`, on by default).
    /// The starting values; change them at run time with `GraphEmulator.setFaults(_:)` or
    /// `POST /_emulator/faults`. They are applied in `GraphEmulator.handleGraph` after authentication
    /// and before the route handler, so a faulted request changes nothing (except the 504, which
    /// comes after the write on purpose). See `EmulatorFaults`.
    public var faults = EmulatorFaults()

    public init() {}
}
