import CalSyncHTTP
import Foundation

/// A request as a route handler sees it: the HTTP request, its path parameters, the caller's role
/// and the request id.
public struct APIRequest: Sendable {
    public let http: HTTPRequest
    public let params: [String: String]
    public let role: Role?
    public let requestId: String

    /// A path parameter declared in the route pattern (`{id}`).
    public func param(_ name: String) -> String { params[name] ?? "" }

    public func body() throws -> JSONInput { try JSONInput.body(of: http) }

    /// A query parameter; unknown query parameters are rejected by `allowQuery`.
    public func query(_ name: String) -> String? { http.queryValue(name) }

    /// Rejects query parameters the route does not know (400), and repeated ones.
    public func allowQuery(_ names: Set<String>) throws {
        var seen = Set<String>()
        for (name, _) in http.query {
            guard names.contains(name) else {
                throw APIError(400, "unknown_parameter", "`\(name)` is not a query parameter of this request.", field: name)
            }
            guard seen.insert(name).inserted else {
                throw APIError(400, "repeated_parameter", "Give `\(name)` at most once.", field: name)
            }
        }
    }

    public func queryBool(_ name: String) throws -> Bool? {
        guard let text = query(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError(400, "invalid_parameter", "`\(name)` must be true or false.", field: name)
        }
    }
}
