import CalSyncCore
import Foundation

/// An access token for one person (the JWT's `sub`) with its lifetime. The value is a `Secret`: it never shows in
/// a description, a log line or an error.
public struct GoogleAccessToken: Sendable, Hashable, CustomStringConvertible {
    /// Refresh this long before the end (google-auth refreshes 3 min 45 s early; docs/google.md, "Access tokens").
    public static let refreshMargin: Double = 300

    public let value: Secret
    /// When the grant was sent (the conservative start of the lifetime).
    public let obtainedAt: Date
    /// `expires_in` as answered (never assumed to be 3600).
    public let expiresIn: Double

    public init(value: Secret, obtainedAt: Date, expiresIn: Double) {
        self.value = value
        self.obtainedAt = obtainedAt
        self.expiresIn = expiresIn
    }

    public var expiresAt: Date { obtainedAt.addingTimeInterval(expiresIn) }

    /// Young enough to use without asking for a new one: more than `refreshMargin` (or, for short lifetimes, a fifth
    /// of the lifetime) left.
    public func isFresh(at now: Date) -> Bool {
        now < expiresAt.addingTimeInterval(-min(Self.refreshMargin, expiresIn / 5))
    }

    public var description: String {
        "GoogleAccessToken(<redacted>, obtainedAt: \(Timestamp.format(obtainedAt)), expiresIn: \(expiresIn))"
    }
}
