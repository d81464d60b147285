import CalSyncHTTP

// MARK: - The viewer's time zone

extension AdminRoutes {
    /// `GET /admin/time-zone?return=PATH`: the choice of zone, then back to the page it was asked from.
    static func timeZonePage(_ request: AdminRequest, _ deps: Dependencies) -> HTTPResponse {
        AdminResponse.page(
            200,
            TimeZonePage.render(
                chosen: request.signedIn.timeZone, returnTo: AdminPaths.back(to: request.query("return")),
                session: request.signedIn))
    }

    /// `POST /admin/time-zone` `tz=Europe/Paris` (blank: automatic) `return=PATH`: remembered for the session.
    static func setTimeZone(_ request: AdminRequest, _ deps: Dependencies) throws -> HTTPResponse {
        try request.form.allowOnly(["tz", "return"])
        let chosen = try request.form.text("tz")
        if let chosen, DisplayZone.parse(chosen) == nil {
            throw AdminError(400, "`tz` must be an IANA time zone such as Europe/Paris.", field: "tz")
        }
        deps.sessions.setTimeZone(chosen, selector: request.signedIn.selector)
        let message = chosen.map { "Times are now shown in \($0)." } ?? "Times are now shown in each page's own zone."
        return done(message, then: AdminPaths.back(to: try request.form.text("return")), request, deps)
    }
}
