import CalSyncHTTP
import Foundation

/// Maps method + path to a handler. Patterns are literal segments and `{name}` parameters
/// (`/v1/instructors/{id}/sync`). A path known for other methods answers 405 with `Allow`.
public struct Router: Sendable {
    public typealias Handler = @Sendable (APIRequest) async throws -> HTTPResponse

    public struct Route: Sendable {
        public let method: HTTPMethod
        /// The pattern as written, used as the route label in logs and metrics.
        public let pattern: String
        /// The least role allowed; nil = no token needed.
        public let role: Role?
        let segments: [Segment]
        let handler: Handler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public enum Match: Sendable {
        case found(Route, [String: String])
        case methodNotAllowed(allow: [HTTPMethod])
        case notFound
    }

    public private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, role: Role?, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: pattern, role: role, segments: Self.segments(of: pattern), handler: handler))
    }

    /// `/v1/instructors/{id}` → literal `v1`, literal `instructors`, parameter `id`.
    static func segments(of pattern: String) -> [Segment] {
        split(pattern).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(part)
        }
    }

    /// Matches a request's raw (still percent-encoded) path: it is split at its `/` first, then each segment is
    /// decoded, so an encoded slash (`%2F`) stays inside its segment (an id) instead of routing to another resource.
    public func match(_ method: HTTPMethod, _ path: String) -> Match {
        let parts = Self.split(path).map(Self.decoded)
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let params = Self.bind(route.segments, to: parts) else { continue }
            if route.method == method || (method == .head && route.method == .get) { return .found(route, params) }
            allowed.append(route.method)
            if route.method == .get { allowed.append(.head) }
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allow: allowed)
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// A path segment with its `%XX` escapes decoded; a malformed escape, or escapes that are not UTF-8, leave it as is.
    static func decoded(_ segment: String) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        return segment.removingPercentEncoding ?? segment
    }

    static func bind(_ segments: [Segment], to parts: [String]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var params: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text): guard text == part else { return nil }
            case .parameter(let name): params[name] = part
            }
        }
        return params
    }
}
