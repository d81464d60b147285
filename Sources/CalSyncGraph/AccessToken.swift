import CalSyncCore
import Foundation

/// A client-credentials access token with its lifetime. The value is a `Secret`, so the token never
/// shows in a description, a log line or an error.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible {
    public let value: Secret
    /// When the token request was sent (the conservative start of its lifetime).
    public let obtainedAt: Date
    /// `expires_in` seconds as the token endpoint returned them.
    public let expiresIn: Double

    /// Refresh once this share of the lifetime has elapsed (docs/microsoft-365.md §1: "refresh early, e.g. at 80%";
    /// lifetimes are randomised 60–90 minutes, so never assume 3600).
    public static let refreshFraction = 0.8

    public init(value: Secret, obtainedAt: Date, expiresIn: Double) {
        self.value = value
        self.obtainedAt = obtainedAt
        self.expiresIn = expiresIn
    }

    public var refreshAt: Date { obtainedAt.addingTimeInterval(expiresIn * Self.refreshFraction) }
    public var expiresAt: Date { obtainedAt.addingTimeInterval(expiresIn) }

    /// True when the token is young enough to use without refreshing.
    public func isFresh(at now: Date) -> Bool { now < refreshAt }

    /// True while the token is still accepted (with a safety margin for clock skew and transit).
    public func isUsable(at now: Date, margin: Double = 60) -> Bool { now < expiresAt.addingTimeInterval(-margin) }

    public var description: String {
        "AccessToken(<redacted>, obtainedAt: \(Timestamp.format(obtainedAt)), expiresIn: \(expiresIn))"
    }
}
