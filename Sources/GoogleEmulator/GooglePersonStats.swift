import CalSyncHTTP

/// What the emulator saw of one person (the impersonated user, or a service account acting as itself).
public struct GooglePersonStats: Sendable, Hashable {
    /// Calendar and Directory calls made as this person (each call inside a batch counts, as for Google's quotas).
    public var requests = 0
    /// The most HTTP requests for this person in flight at once (a batch counts once).
    public var maxInFlight = 0
    /// HTTP requests that arrived while a back-off asked of this person was still running.
    public var requestsInsideBackoff = 0
    /// Answers that asked for a back-off (403 rate limits and `quotaExceeded`, 429, 500, 503).
    public var backoffAnswers = 0
    /// Inserts answered 409 `duplicate` (a retried create whose first attempt had succeeded).
    public var duplicates409 = 0
    /// Access tokens issued for this person (one RS256 signature verified each).
    public var tokensIssued = 0

    public init() {}

    var json: JSONValue {
        [
            "requests": .number(Double(requests)), "maxInFlight": .number(Double(maxInFlight)),
            "requestsInsideBackoff": .number(Double(requestsInsideBackoff)),
            "backoffAnswers": .number(Double(backoffAnswers)), "duplicates409": .number(Double(duplicates409)),
            "tokensIssued": .number(Double(tokensIssued)),
        ]
    }
}
