/// The sign-in form: an API token (admin for everything, reader or scheduler for read-only pages).
enum SignInPage {
    static func render(csrfToken: String, error: String?) -> HTML {
        let alert: HTML = error.map { "<p class=\"error\" role=\"alert\" id=\"token-error\">\($0)</p>" } ?? .empty
        let described: HTML = error == nil ? .empty : " aria-describedby=\"token-error\" aria-invalid=\"true\""
        return AdminLayout.page(
            "Sign in", session: nil, current: nil,
            """
            <p>Sign in with a CalSync API token. An admin token can change things; a reader or scheduler token shows
            read-only pages.</p>
            \(alert)
            <form class="card narrow" method="post" action="\(AdminPaths.signIn)">
            <input type="hidden" name="\(AdminCSRF.fieldName)" value="\(csrfToken)">
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus\(described)>
            <button type="submit">Sign in</button>
            </form>
            """)
    }
}
