import CalSyncHTTP
import CalSyncWorker
import Foundation

/// The API's HTTP responder: request id, routing (404 / 405 with `Allow`), auth (401 / 403),
/// the handler, errors as the contract's JSON, an access log line and request metrics.
public final class APIServer: HTTPResponder {
    let router: Router
    let authenticator: Authenticator
    let metrics: MetricsRegistry
    let logger: Logger
    /// The admin pages under `/admin` (cookie sessions instead of bearer tokens), when served.
    let admin: AdminSite?

    public init(router: Router, authenticator: Authenticator, metrics: MetricsRegistry, logger: Logger, admin: AdminSite? = nil) {
        self.router = router
        self.admin = admin
        self.authenticator = authenticator
        self.metrics = metrics
        self.logger = logger
        metrics.describe("calsync_http_requests_total", type: "counter", help: "HTTP requests by route, method and status.")
        metrics.describe("calsync_http_request_duration_seconds", type: "histogram", help: "HTTP request duration by route.")
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestId = Self.requestId(from: request)
        var (label, response) = await route(request, requestId: requestId)
        response.headers["X-Request-Id"] = requestId
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        metrics.increment(
            "calsync_http_requests_total", ["route": label, "method": request.method.rawValue, "status": "\(response.status)"])
        metrics.observe("calsync_http_request_duration_seconds", ["route": label], seconds)
        if logger.isEnabled {
            logger.info(
                "request",
                [
                    "requestId": requestId, "method": request.method.rawValue, "route": label, "status": "\(response.status)",
                    "durationMs": Self.milliseconds(seconds), "remote": request.remoteAddress,
                ])
        }
        return response
    }

    /// The admin pages answer their own paths; the router the rest. Returns the route label with the response.
    func route(_ request: HTTPRequest, requestId: String) async -> (String, HTTPResponse) {
        let rawPath = Self.rawPath(of: request.target)
        if let admin, AdminSite.owns(path: rawPath) { return await admin.respond(to: request, requestId: requestId) }
        switch router.match(request.method, rawPath) {
        case .notFound:
            return ("unmatched", APIError.notFound("The resource \(Self.printable(request.path))").response)
        case .methodNotAllowed(let allow):
            var error = APIError(405, "method_not_allowed", "\(Self.printable(request.method.rawValue)) is not allowed here.")
            error.headers["Allow"] = Self.unique(allow.map(\.rawValue)).joined(separator: ", ")
            return ("unmatched", error.response)
        case .found(let route, let params):
            return (route.pattern, await handle(request, route: route, params: params, requestId: requestId))
        }
    }

    func handle(_ request: HTTPRequest, route: Router.Route, params: [String: String], requestId: String) async -> HTTPResponse {
        let role = authenticator.role(for: request)
        if let needed = route.role {
            guard let role else { return APIError.unauthenticated.response }
            guard role >= needed else { return APIError.forbidden(needed).response }
        }
        do {
            return try await route.handler(APIRequest(http: request, params: params, role: role, requestId: requestId))
        } catch let error as APIError {
            return error.response
        } catch {
            // A bug: no input may yield a 500. Logged with the request id so it can be found.
            logger.error("unhandled error", ["requestId": requestId, "route": route.pattern, "error": "\(error)"])
            return APIError(500, "internal_error", "Something went wrong on our side (request \(requestId)).").response
        }
    }

    /// The caller's `X-Request-Id` when it is short and plain, else a new one.
    static func requestId(from request: HTTPRequest) -> String {
        if let given = request.headers["X-Request-Id"], (1...64).contains(given.count),
            given.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "." })
        {
            return given
        }
        return RequestID.make()
    }

    /// The request target's path as sent (percent-encoded), without the query: the router splits it before decoding.
    static func rawPath(of target: String) -> String {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return String(target[..<mark])
    }

    /// `0.42` for 0.000423 s: milliseconds with two decimals (without `String(format:)`, slow on Linux).
    static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((min(max(0, seconds), 1e9) * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func printable(_ text: String) -> String {
        let clipped = text.count > 200 ? String(text.prefix(200)) + "…" : text
        return clipped.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(String.init).joined()
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
