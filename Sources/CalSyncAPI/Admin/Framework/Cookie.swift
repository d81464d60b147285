import CalSyncHTTP
import Foundation

/// Cookies of the admin pages: read from `Cookie`, written as `Set-Cookie` with `HttpOnly`, `SameSite=Strict`, a
/// `Path`, `Max-Age` and `Expires` (and `Secure` behind an HTTPS proxy that says so with `X-Forwarded-Proto`).
public struct Cookie: Sendable, Equatable {
    public var name: String
    public var value: String
    public var path: String
    /// Seconds to live; 0 deletes the cookie.
    public var maxAge: Int
    public var secure: Bool

    public init(name: String, value: String, path: String, maxAge: Int, secure: Bool = false) {
        self.name = name
        self.value = value
        self.path = path
        self.maxAge = maxAge
        self.secure = secure
    }

    /// The `Set-Cookie` header value.
    public func header(now: Date) -> String {
        let expires = HTTPDate.format(Int(now.timeIntervalSince1970) + maxAge)
        let attributes = ["Path=\(path)", "Max-Age=\(maxAge)", "Expires=\(expires)", "HttpOnly", "SameSite=Strict"]
        return ([name + "=" + value] + attributes + (secure ? ["Secure"] : [])).joined(separator: "; ")
    }

    /// The value of the named cookie a request sent, or nil. When sent more than once, the first.
    public static func value(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Whether the request came through an HTTPS proxy (then cookies are `Secure`).
    static func isSecure(_ request: HTTPRequest) -> Bool {
        request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
    }
}
