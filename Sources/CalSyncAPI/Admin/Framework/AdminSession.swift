import Foundation

/// A signed-in admin page user. The cookie carries `<selector>.<validator>`: the selector finds the session, the
/// validator is compared in constant time, so a lookup never tells by its timing how much of a guess was right.
public struct AdminSession: Sendable {
    public var selector: String
    var validator: [UInt8]
    public var role: Role
    /// The synchronizer token every state-changing form of this session must carry.
    public var csrfToken: String
    public var expiresAt: Date
    /// A one-time message shown on the next page (the outcome of the last form).
    public var flash: String?
    /// The IANA zone the viewer chose to read times in; nil: each page's default.
    public var timeZone: String?

    public var canAdminister: Bool { role == .admin }

    /// 32 random bytes as 64 hex digits, from the system's cryptographic generator.
    static func randomHex(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
