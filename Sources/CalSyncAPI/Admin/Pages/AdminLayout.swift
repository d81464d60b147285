/// The frame of every admin page: the document head, the navigation bar (only the pages the session's role may
/// see), the zone its times are in (with a link to choose another), the sign-out form, the one-time message of the
/// last form, then the page's own content.
enum AdminLayout {
    enum Section: String, CaseIterable, Sendable {
        case status = "Sync status"
        case instructors = "Instructors"
        case integrations = "Integrations"
        case operations = "Operations log"
        case availability = "Availability"

        var path: String {
            switch self {
            case .status: AdminPaths.status
            case .instructors: AdminPaths.instructors
            case .integrations: AdminPaths.integrations
            case .operations: AdminPaths.operations
            case .availability: AdminPaths.availability
            }
        }

        /// Integrations, the operations log and the sync status are admin matters (as in the /v1 API).
        var needsAdmin: Bool { self == .status || self == .integrations || self == .operations }
    }

    static func page(
        _ title: String, session: AdminSession?, current: Section?, flash: String? = nil, zone: DisplayZone? = nil,
        _ content: HTML
    ) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · CalSync admin</title>
        <link rel="stylesheet" href="\(AdminPaths.stylesheet)">
        <script src="\(AdminPaths.script)" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="bar">
        <a class="brand" href="\(AdminPaths.home)">CalSync</a>
        \(navigation(session: session, current: current, zone: zone))
        </header>
        <main id="main">
        \(flash.map { message -> HTML in "<p class=\"flash\" role=\"status\">\(message)</p>" })
        <h1>\(title)</h1>
        \(content)
        </main>
        </body>
        </html>
        """
    }

    /// "Times: Europe/Paris (your choice)", a link to the time-zone page that comes back here (without a `tz` of the
    /// link, which would hide the choice).
    static func zoneLink(_ zone: DisplayZone) -> HTML {
        let parts = zone.here.split(separator: "?", maxSplits: 1)
        let query = parts.dropFirst().first.map { $0.split(separator: "&").filter { !$0.hasPrefix("tz=") } } ?? []
        let here = String(parts.first ?? "") + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let change = AdminPaths.with(AdminPaths.timeZone, [("return", here)])
        return """
            <a class="zone" href="\(change)" title="Choose the time zone of the times shown">Times: \(zone.identifier) \
            <span>(\(zone.why))</span></a>
            """
    }

    static func navigation(session: AdminSession?, current: Section?, zone: DisplayZone? = nil) -> HTML {
        guard let session else { return .empty }
        let links = Section.allCases.filter { !$0.needsAdmin || session.canAdminister }.map { section -> HTML in
            let mark: HTML = section == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(section.path)\"\(mark)>\(section.rawValue)</a></li>"
        }
        let role = session.canAdminister ? "admin" : "\(session.role.rawValue), read-only"
        return """
            <nav aria-label="Main"><ul>\(links)</ul></nav>\(zone.map(zoneLink))
            <form class="signout" method="post" action="\(AdminPaths.signOut)">\(Widgets.csrf(session))
            <span class="role">Signed in (\(role))</span> <button type="submit">Sign out</button></form>
            """
    }
}
