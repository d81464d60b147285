import CalSyncHTTP
import Foundation

/// A request as an admin page handler sees it: the HTTP request, path parameters, the session (nil only on the
/// sign-in pages) and, for a POST, its form (already checked for its CSRF token).
public struct AdminRequest: Sendable {
    public let http: HTTPRequest
    public let params: [String: String]
    public let session: AdminSession?
    public let form: FormBody

    public func param(_ name: String) -> String { params[name] ?? "" }

    /// A query parameter; blank counts as absent (an empty filter field).
    public func query(_ name: String) -> String? {
        guard let value = http.queryValue(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The signed-in session (every page but sign-in has one: the responder checked).
    var signedIn: AdminSession {
        guard let session else { preconditionFailure("the admin responder lets no signed-out request reach this page") }
        return session
    }
}
