import CalSyncCore

/// The instructors (Administrate's Instructors tab): each person's sync switch, last sync, integration and match,
/// with the reason when they are unmatched or ambiguous; filters; start / stop sync per person (admin only).
enum InstructorsPage {
    enum Filter: String, CaseIterable, Sendable {
        case all
        case unmatched
        case syncOff = "sync-off"
        case errors

        init(query: String?) throws {
            guard let query else {
                self = .all
                return
            }
            guard let filter = Filter(rawValue: query) else {
                throw AdminError(400, "`show` must be one of: all, unmatched, sync-off, errors.", field: "show")
            }
            self = filter
        }

        var label: String {
            switch self {
            case .all: "Everyone"
            case .unmatched: "Unmatched or ambiguous"
            case .syncOff: "Sync off"
            case .errors: "Errors"
            }
        }

        var path: String { self == .all ? AdminPaths.instructors : AdminPaths.with(AdminPaths.instructors, [("show", rawValue)]) }

        func includes(_ person: PersonContext) -> Bool {
            switch self {
            case .all: true
            case .unmatched: person.matchStatus == .unmatched || person.matchStatus == .ambiguous
            case .syncOff: !person.instructor.syncEnabled
            case .errors: person.status == .error || InstructorRepresentation.lastError(person) != nil
            }
        }
    }

    static func render(_ people: [PersonContext], filter: Filter, total: Int, session: AdminSession, flash: String?) -> HTML {
        let filters = Filter.allCases.map { option -> HTML in
            let mark: HTML = option == filter ? " aria-current=\"true\"" : ""
            return "<a href=\"\(option.path)\"\(mark)>\(option.label)</a>"
        }
        let rows = people.map { row($0, filter: filter, session: session) }
        let actionHeader: HTML = session.canAdminister ? "<th scope=\"col\">Action</th>" : .empty
        let table: HTML =
            people.isEmpty
            ? "<p>No instructor to show here.</p>"
            : """
            <table><caption>\(people.count) of \(total) instructors (\(filter.label.lowercased()))</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Sync</th>
            <th scope="col">Last sync</th><th scope="col">Type</th><th scope="col">Integration</th>
            <th scope="col">Integration status</th><th scope="col">Match</th>\(actionHeader)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return AdminLayout.page(
            "Instructors", session: session, current: .instructors, flash: flash,
            """
            <p class="filters">Show: \(HTML.joined(filters, separator: " "))</p>
            \(table)
            """)
    }

    static func row(_ person: PersonContext, filter: Filter, session: AdminSession) -> HTML {
        let instructor = person.instructor
        let integration = person.integration
        let problem = InstructorRepresentation.lastError(person).flatMap { $0["message"] as? String }
        let reason: HTML = problem.map { "<br><span class=\"muted\">\($0)</span>" } ?? .empty
        let week = AdminPaths.with(AdminPaths.availability, [("instructor", instructor.id)])
        let action: HTML
        if session.canAdminister {
            let fields = [("enabled", instructor.syncEnabled ? "false" : "true"), ("return", filter.rawValue)]
            let label = instructor.syncEnabled ? "Stop sync" : "Start sync"
            action = "<td>\(Widgets.button(label, action: AdminPaths.instructorSync(instructor.id), session: session, fields: fields, style: instructor.syncEnabled ? "secondary" : ""))</td>"
        } else {
            action = .empty
        }
        return """
            <tr><th scope="row"><a href="\(week)">\(instructor.name)</a><br><span class="muted">\(instructor.id)</span></th>
            <td>\(instructor.email)</td>
            <td>\(Widgets.badge(instructor.syncEnabled ? "on" : "off")) \(Widgets.badge(person.status.rawValue))</td>
            <td>\(Widgets.instant(person.lastSyncAt))</td>
            <td>\(integration?.type ?? "—")</td>
            <td>\(integration?.name ?? "none covers this person")</td>
            <td>\(integration.map { Widgets.badge($0.status.rawValue) } ?? "—")</td>
            <td>\(Widgets.badge(person.matchStatus.rawValue))\(reason)</td>
            \(action)</tr>
            """
    }
}
