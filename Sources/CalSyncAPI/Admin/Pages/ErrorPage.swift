/// A refusal or an error as a page: its status in words, the sentence, and a way on.
enum ErrorPage {
    static func render(_ error: AdminError, session: AdminSession?) -> HTML {
        let title: String
        switch error.status {
        case 400, 413, 415, 422: title = "That did not work"
        case 401: title = "Please sign in"
        case 403: title = "Not allowed"
        case 404: title = "Not found"
        case 405: title = "Not allowed"
        case 409: title = "Not possible right now"
        default: title = "Something went wrong"
        }
        let next: HTML =
            session == nil
            ? "<p><a href=\"\(AdminPaths.signIn)\">Sign in</a></p>"
            : "<p><a href=\"\(AdminPaths.home)\">Back to the admin pages</a> (your browser's back button keeps what you typed)</p>"
        return AdminLayout.page(
            title, session: session, current: nil,
            """
            <p class="error" role="alert">\(error.message)</p>
            \(next)
            """)
    }
}
