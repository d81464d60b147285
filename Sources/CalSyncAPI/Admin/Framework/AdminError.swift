/// A refusal the admin pages show as a page: a status and a sentence for a person (never a secret).
public struct AdminError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String
    /// The form field at fault, when there is one.
    public var field: String?

    public init(_ status: Int, _ message: String, field: String? = nil) {
        self.status = status
        self.message = message
        self.field = field
    }

    /// The same refusal as the /v1 API gives it (the services throw `APIError`s).
    public init(_ error: APIError) {
        self.init(error.status, error.message, field: error.field)
    }

    public var description: String { "\(status): \(message)" }

    public static let notSignedIn = AdminError(401, "Sign in to see this page.")
    public static let adminOnly = AdminError(403, "This page needs an admin token; you signed in with a read-only one.")
    public static let badCSRF = AdminError(
        403, "This form has expired or did not come from this site. Reload the page and send it again.")
    public static let crossOrigin = AdminError(403, "This form was sent from another site; it was refused.")
    public static func notFound(_ what: String) -> AdminError { AdminError(404, "\(what) was not found.") }
}
