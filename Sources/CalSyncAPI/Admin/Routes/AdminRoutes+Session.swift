import CalSyncHTTP
import Foundation

// MARK: - Sign in and out

extension AdminRoutes {
    /// How long the sign-in form's double-submit token lives.
    static let signInFormLifetime = 1_800

    /// `GET /admin/sign-in`: the form, with a fresh double-submit token in a cookie and in the form.
    static func signInPage(_ request: AdminRequest, _ deps: Dependencies) throws -> HTTPResponse {
        if request.session != nil { return AdminResponse.redirect(AdminPaths.home) }
        let token = AdminSession.randomHex()
        var response = AdminResponse.page(200, SignInPage.render(csrfToken: token, error: nil))
        let cookie = Cookie(
            name: AdminCSRF.signInCookie, value: token, path: AdminPaths.signIn, maxAge: signInFormLifetime,
            secure: Cookie.isSecure(request.http))
        response.headers.add("Set-Cookie", cookie.header(now: deps.context.clock.now()))
        return response
    }

    /// `POST /admin/sign-in` `token=…`: a session for a known API token (its role decides what the pages allow).
    /// A wrong token shows the form again (401), with nothing of what was typed.
    static func signIn(_ request: AdminRequest, _ deps: Dependencies) throws -> HTTPResponse {
        try request.form.allowOnly(["token"])
        let csrf = try request.form.value(AdminCSRF.fieldName) ?? ""
        guard let token = try request.form.text("token") else {
            return AdminResponse.page(400, SignInPage.render(csrfToken: csrf, error: "Enter an API token."))
        }
        guard let role = deps.authenticator.role(forToken: token) else {
            return AdminResponse.page(401, SignInPage.render(csrfToken: csrf, error: "That token is not valid."))
        }
        let now = deps.context.clock.now()
        let (_, value) = deps.sessions.create(role: role, now: now)
        let secure = Cookie.isSecure(request.http)
        var response = AdminResponse.redirect(AdminPaths.home)
        let session = Cookie(
            name: AdminSessionStore.cookieName, value: value, path: AdminSite.prefix,
            maxAge: Int(deps.sessions.lifetime), secure: secure)
        response.headers.add("Set-Cookie", session.header(now: now))
        let used = Cookie(name: AdminCSRF.signInCookie, value: "", path: AdminPaths.signIn, maxAge: 0, secure: secure)
        response.headers.add("Set-Cookie", used.header(now: now))
        return response
    }

    /// `POST /admin/sign-out`: the session ends here and now, and the browser forgets its cookie.
    static func signOut(_ request: AdminRequest, _ deps: Dependencies) throws -> HTTPResponse {
        try request.form.allowOnly([])
        deps.sessions.remove(selector: request.signedIn.selector)
        var response = AdminResponse.redirect(AdminPaths.signIn)
        let gone = Cookie(
            name: AdminSessionStore.cookieName, value: "", path: AdminSite.prefix, maxAge: 0,
            secure: Cookie.isSecure(request.http))
        response.headers.add("Set-Cookie", gone.header(now: deps.context.clock.now()))
        return response
    }
}
