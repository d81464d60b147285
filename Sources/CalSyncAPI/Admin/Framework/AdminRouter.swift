import CalSyncHTTP

/// The admin pages' routes: method + path pattern (the /v1 `Router`'s matching rules) → who may see it → handler.
public struct AdminRouter: Sendable {
    public typealias Handler = @Sendable (AdminRequest) async throws -> HTTPResponse

    /// Who may use a route.
    public enum Access: Sendable {
        /// Anyone: the sign-in page, the stylesheet.
        case anyone
        /// Any signed-in token (reader, scheduler, admin): read-only pages.
        case signedIn
        /// Admin tokens only: every change, and the pages about integrations and the operations log.
        case admin
    }

    public struct Route: Sendable {
        public let method: HTTPMethod
        public let pattern: String
        public let access: Access
        let segments: [Router.Segment]
        let handler: Handler
    }

    public enum Match: Sendable {
        case found(Route, [String: String])
        case methodNotAllowed(allow: [HTTPMethod])
        case notFound
    }

    public private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ access: Access, _ handler: @escaping Handler) {
        precondition(AdminSite.owns(path: pattern), "admin routes live under \(AdminSite.prefix)")
        let segments = Router.segments(of: pattern)
        routes.append(Route(method: method, pattern: pattern, access: access, segments: segments, handler: handler))
    }

    public func match(_ method: HTTPMethod, _ rawPath: String) -> Match {
        let parts = Router.split(rawPath).map(Router.decoded)
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let params = Router.bind(route.segments, to: parts) else { continue }
            if route.method == method || (method == .head && route.method == .get) { return .found(route, params) }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allow: allowed)
    }
}
