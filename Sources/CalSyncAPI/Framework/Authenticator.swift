import CalSyncCore
import Foundation
import CalSyncHTTP

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

    let tokens: [Token]

    public init(tokens: [Token]) { self.tokens = tokens.filter { !$0.secret.isEmpty } }

    /// The role of the request's bearer token, or nil (no header, wrong scheme, unknown token).
    public func role(for request: HTTPRequest) -> Role? {
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return role(forToken: parts[1].trimmingCharacters(in: .whitespaces))
    }

    /// The role of a token given as text (the admin pages' sign-in form), or nil.
    public func role(forToken token: String) -> Role? {
        let presented = Array(token.utf8)
        guard !presented.isEmpty else { return nil }
        var found: Role? = nil
        // Every token is compared, match or not, so timing does not tell which one matched.
        for token in tokens where Self.constantTimeEquals(presented, Array(token.secret.revealed.utf8)) {
            if found.map({ token.role > $0 }) ?? true { found = token.role }
        }
        return found
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
