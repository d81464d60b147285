/// Knobs for the Google emulator. Every default reproduces what Google documents or what was observed
/// (`docs/google.md`); the knobs marked UNCONFIRMED exist because Google's documents leave the behaviour open, so
/// tests can run a client against each plausible variant.
public struct GoogleEmulatorConfiguration: Sendable {
    /// What `PATCH` does to an event that was deleted (it still exists with `status: cancelled`).
    public enum DeletedEventPatch: Sendable, Hashable {
        /// The patch applies; one setting `status` to `confirmed` or `tentative` brings the event back. UNCONFIRMED.
        case revive
        /// 403 `forbidden`, as an `update` of a deleted event was seen to answer (OBS).
        case forbidden
    }

    // MARK: - Token endpoint (docs/google.md, "Access tokens")

    /// `expires_in` of issued access tokens. Real answers commonly show 3599 (UNCONFIRMED).
    public var accessTokenLifetimeSeconds: Int = 3599
    /// How far `iat` may lie in the future and `exp` in the past, for clock differences. Google only says "a
    /// reasonable timeframe": UNCONFIRMED.
    public var clockSkewSeconds: Int = 300
    /// The longest `exp - iat` accepted (DOC: at most one hour).
    public var maximumAssertionLifetimeSeconds: Int = 3600
    /// `aud` values accepted besides the emulator's own `/token` URL. google-auth always sends Google's token
    /// endpoint, whatever the key file's `token_uri` says (OBS).
    public var acceptedAudiences: Set<String> = [
        "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token",
    ]
    /// Whether an alias may be the JWT `sub` (impersonating the alias's user). UNCONFIRMED; primary addresses are safe.
    public var aliasAsSubject: Bool = false
    /// Whether the token answer repeats the granted `scope` (the guide's sample does; real answers often do not).
    public var tokenResponseIncludesScope: Bool = false

    // MARK: - Calendar (docs/google.md, "Reading events", "Writing events")

    /// `maxResults` when absent (DOC 250) and its cap (DOC: a page never holds more than 2500).
    public var eventsDefaultPageSize: Int = 250
    public var eventsMaximumPageSize: Int = 2500
    /// Series without an end are expanded (singleEvents=true) up to this many days after now when the request sets
    /// no `timeMax` (incremental lists never do). Google's own horizon is UNCONFIRMED.
    public var openEndedSeriesHorizonDays: Int = 730
    /// Status of a successful `events.delete` (the body is empty; DOC gives no status, 204 is UNCONFIRMED).
    public var deleteStatus: Int = 204
    /// PATCH of a deleted event. UNCONFIRMED.
    public var deletedEventPatch: DeletedEventPatch = .revive
    /// Sync tokens kept; the oldest is dropped when more are issued, and using it then answers 410.
    public var maxSyncTokens: Int = 100_000
    /// Page tokens (events and users) kept; an evicted one answers 400.
    public var maxPageTokens: Int = 20_000

    // MARK: - Directory (docs/google.md, "Finding people")

    /// `users.list` page size when `maxResults` is absent (DOC 100; at most 500).
    public var usersDefaultPageSize: Int = 100

    // MARK: - Batch (docs/google.md, "Batch requests")

    /// Most calls in one batch (DOC: 1000). CalSync itself sends at most 50 per batch.
    public var maxBatchParts: Int = 1000

    // MARK: - Back-off observation (stats)

    /// After an answer that asks for a back-off (403 `rateLimitExceeded`/`userRateLimitExceeded`/`quotaExceeded`,
    /// 429, 500, 503), a request for the same person sooner than this (or than the `Retry-After` sent, if longer)
    /// counts as inside the back-off. DOC: the first wait of exponential back-off is 2^0 s plus a random part.
    public var minimumBackoffSeconds: Double = 1.0

    // MARK: - Determinism and faults

    /// Seed for ids, tokens and page/sync tokens.
    public var seed: UInt64 = 0x600_61E
    /// Injected faults and the real per-user and per-project quotas (`GoogleFaults`); change them at run time with
    /// `GoogleEmulator.setFaults(_:)` or `POST /_emulator/faults`.
    public var faults = GoogleFaults()

    public init() {}
}
