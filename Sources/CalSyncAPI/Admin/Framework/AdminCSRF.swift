import CalSyncHTTP

/// Cross-site request forgery defences, applied to every POST of the admin pages:
///
/// - a synchronizer token: each session has one, each form carries it in `_csrf`, compared in constant time;
/// - before sign-in, a double-submit token: the sign-in page sets it in a cookie and in its form, both must match;
/// - the browser's own word: a POST whose `Origin` is another host, or whose `Sec-Fetch-Site` is `cross-site`, is
///   refused (the cookies are `SameSite=Strict` too).
public enum AdminCSRF {
    public static let fieldName = "_csrf"
    public static let signInCookie = "calsync_signin"

    /// Whether the request comes from a page of this site, as far as the browser tells.
    static func isSameOrigin(_ request: HTTPRequest) -> Bool {
        if let site = request.headers["Sec-Fetch-Site"]?.lowercased(), site == "cross-site" { return false }
        guard let origin = request.headers["Origin"] else { return true }
        guard let host = request.headers["Host"]?.lowercased() else { return false }
        let lowered = origin.lowercased()
        return lowered == "http://\(host)" || lowered == "https://\(host)"
    }

    /// Whether the form's token is the expected one (constant time for a given length).
    static func matches(_ presented: String?, expected: String) -> Bool {
        guard let presented, !expected.isEmpty else { return false }
        return constantTimeEquals(Array(presented.utf8), Array(expected.utf8))
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool { Authenticator.constantTimeEquals(a, b) }
}
