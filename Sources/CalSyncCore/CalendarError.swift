/// A failure talking to a calendar system, classified for the sync engine. Each adapter maps its own answers to a
/// kind and keeps its own code in `providerCode` (for logs and admins). Messages never contain secrets or tokens.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the engine to act on. The raw values are the words CalSync records as an error's code
    /// when the system gave none (kept from the first release: they are in existing databases).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The event (or the calendar's item) is not there.
        case notFound
        /// The change cursor can no longer be followed: start a full listing (without wiping anything first).
        case cursorExpired = "syncStateLost"
        /// The system asks CalSync to slow down; `retryAfter` seconds when it says how long.
        case throttled
        /// The sign-in refused the credentials (secret, account, key).
        case credentialsRejected = "authentication"
        /// The calendar system refused a freshly issued credential (HTTP 401 after a new sign-in).
        case unauthorized
        /// Signed in, but not allowed: a permission, a consent, a delegation or an access policy is missing.
        case permissionMissing = "forbidden"
        /// The person has no calendar there (no mailbox, no licence, an account on another system).
        case noCalendar
        /// Timeouts, resets, server errors: retry with backoff; for a create the outcome is unknown.
        case transient
        /// The system refused the request as wrong.
        case invalidRequest
        /// Refused before sending: the connection's settings are wrong (e.g. plain http:// to a remote host).
        case configuration
    }

    public var kind: Kind
    public var httpStatus: Int?
    /// The system's own error code (or CalSync's code for a situation, e.g. `outcome_unknown`), when known.
    public var providerCode: String?
    public var message: String
    /// Seconds to wait, when the system said.
    public var retryAfter: Double?

    public init(
        _ kind: Kind, httpStatus: Int? = nil, providerCode: String? = nil, message: String,
        retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.providerCode = providerCode
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The code CalSync records for this error: the system's, else the kind's word.
    public var recordedCode: String { providerCode ?? kind.rawValue }

    public var description: String {
        var text = "\(kind.rawValue)"
        if let httpStatus { text += " HTTP \(httpStatus)" }
        if let providerCode { text += " \(providerCode)" }
        return text + ": \(message)"
    }
}
