import CalSyncCore
import CalSyncHTTP
import Foundation

/// Maps bearer tokens to roles. Tokens are compared in constant time (for a given length) and never logged.
public struct Authenticator: Sendable {
    public struct Token: Sendable {
        public var secret: Secret
        public var role: Role
        public init(_ secret: Secret, role: Role) {
            self.secret = secret
            self.role = role
        }
    }

    /// The tokens' bytes, worked out once (the comparison runs on every request); empty tokens are left out.
    private let secrets: [(bytes: [UInt8], role: Role)]

    public init(tokens: [Token]) {
        secrets = tokens.filter { !$0.secret.isEmpty }.map { (Array($0.secret.revealed.utf8), $0.role) }
    }

    /// The role of the request's bearer token, or nil (no header, wrong scheme, unknown token).
    public func role(for request: HTTPRequest) -> Role? {
        guard let header = request.headers["Authorization"], let presented = Self.bearerToken(header) else { return nil }
        return role(forBytes: presented)
    }

    /// The role of a token given as text (the admin pages' sign-in form), or nil.
    public func role(forToken token: String) -> Role? {
        role(forBytes: Array(token.utf8))
    }

    private func role(forBytes presented: [UInt8]) -> Role? {
        guard !presented.isEmpty else { return nil }
        var found: Role? = nil
        // Every token is compared, match or not, so timing does not tell which one matched.
        for secret in secrets where Self.constantTimeEquals(presented, secret.bytes) {
            if found.map({ secret.role > $0 }) ?? true { found = secret.role }
        }
        return found
    }

    /// The credentials of `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1), spaces and tabs around
    /// the token dropped; nil for another scheme or no token.
    static func bearerToken(_ header: String) -> [UInt8]? {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count, bytes[scheme.count] == 0x20,
            zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes[(scheme.count + 1)...].firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        return Array(bytes[first...last])
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
