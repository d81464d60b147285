import CalSyncHTTP
import CalSyncWorker
import Foundation

/// The admin pages at `/admin`: server-rendered HTML on top of the same services as the /v1 API.
///
/// Every request goes through the same gate: the route (404 / 405), the session cookie (signed out → the
/// sign-in page), the role (read-only tokens see read-only pages; admin routes answer 403), and for a POST the
/// browser's origin, the form's content type and its CSRF token. Refusals are pages, never a 500.
public struct AdminSite: Sendable {
    public static let prefix = "/admin"

    let context: APIContext
    let sessions: AdminSessionStore
    let authenticator: Authenticator
    let router: AdminRouter
    let logger: Logger

    public init(
        context: APIContext, authenticator: Authenticator, sessions: AdminSessionStore = AdminSessionStore(),
        logger: Logger
    ) {
        self.context = context
        self.sessions = sessions
        self.authenticator = authenticator
        self.logger = logger
        var router = AdminRouter()
        AdminRoutes.register(
            on: &router, AdminRoutes.Dependencies(context: context, sessions: sessions, authenticator: authenticator))
        self.router = router
    }

    /// The admin pages' routes (the OpenAPI document describes the /v1 API only and leaves these out).
    public var routes: [AdminRouter.Route] { router.routes }

    /// Whether a request path belongs to the admin pages rather than to the API.
    public static func owns(path: String) -> Bool { path == prefix || path.hasPrefix(prefix + "/") }

    /// Answers an admin request; returns the route pattern (for logs and metrics) with the response.
    public func respond(to request: HTTPRequest, requestId: String) async -> (label: String, response: HTTPResponse) {
        switch router.match(request.method, APIServer.rawPath(of: request.target)) {
        case .notFound:
            let session = currentSession(request)
            return ("admin unmatched", errorPage(AdminError.notFound("This page"), session: session))
        case .methodNotAllowed(let allow):
            var response = errorPage(AdminError(405, "This page cannot be used that way."), session: currentSession(request))
            response.headers["Allow"] = APIServer.unique(allow.map(\.rawValue)).joined(separator: ", ")
            return ("admin unmatched", response)
        case .found(let route, let params):
            return (route.pattern, await handle(request, route: route, params: params, requestId: requestId))
        }
    }

    func handle(_ request: HTTPRequest, route: AdminRouter.Route, params: [String: String], requestId: String) async
        -> HTTPResponse
    {
        let session = currentSession(request)
        do {
            switch route.access {
            case .anyone: break
            case .signedIn, .admin:
                guard session != nil else {
                    if request.method == .get || request.method == .head { return AdminResponse.redirect(AdminPaths.signIn) }
                    throw AdminError.notSignedIn
                }
                if route.access == .admin, session?.canAdminister != true { throw AdminError.adminOnly }
            }
            var form = FormBody()
            if request.method == .post {
                guard AdminCSRF.isSameOrigin(request) else { throw AdminError.crossOrigin }
                form = try FormBody.of(request)
                // Signed-out forms (sign-in) carry the double-submit token of their cookie; every other, the session's.
                let expected =
                    route.access == .anyone
                    ? Cookie.value(AdminCSRF.signInCookie, in: request) ?? "" : session?.csrfToken ?? ""
                guard AdminCSRF.matches(try form.value(AdminCSRF.fieldName), expected: expected) else {
                    throw AdminError.badCSRF
                }
            }
            return try await route.handler(AdminRequest(http: request, params: params, session: session, form: form))
        } catch let error as AdminError {
            return errorPage(error, session: session)
        } catch let error as APIError {
            return errorPage(AdminError(error), session: session)
        } catch {
            // A bug: no input may yield a 500. Logged with the request id so it can be found.
            logger.error("unhandled admin error", ["requestId": requestId, "route": route.pattern, "error": "\(error)"])
            return errorPage(AdminError(500, "Something went wrong on our side (request \(requestId))."), session: session)
        }
    }

    func currentSession(_ request: HTTPRequest) -> AdminSession? {
        guard let cookie = Cookie.value(AdminSessionStore.cookieName, in: request) else { return nil }
        return sessions.session(cookie: cookie, now: context.clock.now())
    }

    func errorPage(_ error: AdminError, session: AdminSession?) -> HTTPResponse {
        AdminResponse.page(error.status, ErrorPage.render(error, session: session))
    }
}
