/// A failure talking to a calendar service, classified for the sync engine. Messages never
/// contain secrets or tokens.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// 404 (`ErrorItemNotFound`).
        case notFound
        /// Delta token expired (410 / `syncStateNotFound` / `resyncRequired`): start a new round.
        case syncStateLost
        /// 429 or 503 with `retryAfter` seconds when given.
        case throttled
        /// Token endpoint refused the credentials (AADSTS…): tenant, client id or secret.
        case authentication
        /// 401 from Graph even with a fresh token.
        case unauthorized
        /// 403: no consent / application access policy.
        case forbidden
        /// 5xx, timeouts, resets: retry with backoff; for creates the outcome is unknown.
        case transient
        /// Other 4xx: our request was wrong.
        case invalidRequest
        /// Configuration refused before sending (e.g. plain http:// to a non-loopback host).
        case configuration
    }

    public var kind: Kind
    public var httpStatus: Int?
    /// Graph's `error.code` or the OAuth `error`, when known.
    public var code: String?
    public var message: String
    /// Seconds to wait (from `Retry-After`), when given.
    public var retryAfter: Double?

    public init(_ kind: Kind, httpStatus: Int? = nil, code: String? = nil, message: String, retryAfter: Double? = nil) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(kind.rawValue)"
        if let httpStatus { text += " HTTP \(httpStatus)" }
        if let code { text += " \(code)" }
        return text + ": \(message)"
    }
}
