import CalSyncHTTP
import Foundation

/// An error answered to an API client, rendered as the contract's
/// `{"error": {"code", "message", "field"}}`. Messages are sentences for a person and never hold secrets.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    public var field: String?
    public var headers: HTTPHeaders

    public init(_ status: Int, _ code: String, _ message: String, field: String? = nil, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    public var response: HTTPResponse {
        var error: [String: Any] = ["code": code, "message": message]
        if let field { error["field"] = field }
        return JSONOutput.response(status, ["error": error], headers: headers)
    }

    // MARK: - The contract's error cases

    public static func malformed(_ message: String) -> APIError { APIError(400, "malformed_request", message) }
    public static let unauthenticated = APIError(
        401, "unauthenticated", "Send a valid API token as `Authorization: Bearer <token>`.",
        headers: ["WWW-Authenticate": "Bearer realm=\"calsync\""])
    public static func forbidden(_ needed: Role) -> APIError {
        APIError(403, "forbidden", "This needs the \(needed.rawValue) role; your token does not have it.")
    }
    public static func notFound(_ what: String) -> APIError { APIError(404, "not_found", "\(what) was not found.") }
    public static func conflict(_ message: String) -> APIError { APIError(409, "conflict", message) }
    public static func unsupportedMediaType() -> APIError {
        APIError(415, "unsupported_media_type", "Send the body as `Content-Type: application/json`.")
    }
    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(422, "invalid_field", message, field: field)
    }
    public static func unknownField(_ field: String) -> APIError {
        APIError(422, "unknown_field", "`\(field)` is not a field of this request.", field: field)
    }
    public static func notReady(_ message: String) -> APIError { APIError(503, "not_ready", message) }
}
