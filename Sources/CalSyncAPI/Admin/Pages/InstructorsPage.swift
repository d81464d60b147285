import CalSyncCore
import CalSyncWorker

/// The instructors (Administrate's Instructors tab): each person's sync switch, last sync, integration and match,
/// with the reason when they are unmatched or ambiguous and what a sync error means; search, filters, sortable
/// columns and pages (`InstructorsQuery`); start / stop sync per person (admin only).
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

    /// - Parameters:
    ///   - people: the people of this page, in order.
    ///   - matching: how many match the filter and the search; `total`: everyone.
    static func render(
        _ people: [PersonContext], matching: Int, total: Int, query: InstructorsQuery, session: AdminSession,
        flash: String?, zone: DisplayZone, vocabularies: ProviderVocabularies
    ) -> HTML {
        let filters = Filter.allCases.map { option -> HTML in
            let mark: HTML = option == query.show ? " aria-current=\"true\"" : ""
            return "<a href=\"\(query.with(show: option).path)\"\(mark)>\(option.label)</a>"
        }
        let rows = people.map { row($0, query: query, session: session, zone: zone, vocabularies: vocabularies) }
        let actionHeader: HTML = session.canAdminister ? "<th scope=\"col\">Action</th>" : .empty
        let first = (query.page - 1) * InstructorsQuery.pageSize
        let searched: String = query.search.map { ", matching “\($0)”" } ?? ""
        let table: HTML =
            people.isEmpty
            ? "<p>No instructor to show here.</p>"
            : """
            <table><caption>\(first + 1)–\(first + people.count) of \(matching) instructors \
            (\(query.show.label.lowercased())\(searched); \(total) in all)</caption>
            <thead><tr>\(header("Name", .name, query))<th scope="col">E-mail</th>\(header("Sync", .status, query))
            \(header("Last sync", .lastSync, query))<th scope="col">Type</th><th scope="col">Integration</th>
            <th scope="col">Integration status</th><th scope="col">Match</th>\(actionHeader)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return AdminLayout.page(
            "Instructors", session: session, current: .instructors, flash: flash, zone: zone,
            """
            <form class="card row" method="get" action="\(AdminPaths.instructors)" role="search">
            <div><label for="q">Search</label><input id="q" name="q" type="search" size="30" maxlength="200" \
            placeholder="name, e-mail or id" value="\(query.search ?? "")"></div>
            \(hidden(query))
            <button type="submit">Search</button>\(query.search == nil ? .empty : " <a href=\"\(clearSearch(query))\">Clear</a>" as HTML)
            </form>
            <p class="filters">Show: \(HTML.joined(filters, separator: " "))</p>
            \(table)
            \(pager(query, matching: matching))
            """)
    }

    /// A sortable column's header: a link that sorts by it (again: the other way), with `aria-sort` on the sorted one.
    static func header(_ title: String, _ sort: InstructorsQuery.Sort, _ query: InstructorsQuery) -> HTML {
        let sorted = query.sort == sort
        let next = query.with(sort: sort, descending: sorted ? !query.descending : false)
        let state: HTML = sorted ? " aria-sort=\"\(query.descending ? "descending" : "ascending")\"" : ""
        let arrow = sorted ? (query.descending ? " ▼" : " ▲") : ""
        return "<th scope=\"col\"\(state)><a href=\"\(next.path)\">\(title)\(arrow)</a></th>"
    }

    /// The query's other parts, kept by the search form.
    static func hidden(_ query: InstructorsQuery) -> HTML {
        let fields: [(String, String?)] = [
            ("show", query.show == .all ? nil : query.show.rawValue), ("sort", query.sort == .name ? nil : query.sort.rawValue),
            ("dir", query.descending ? "desc" : nil),
        ]
        return HTML.joined(
            fields.compactMap { name, value in
                value.map { "<input type=\"hidden\" name=\"\(name)\" value=\"\($0)\">" }
            })
    }

    static func clearSearch(_ query: InstructorsQuery) -> String {
        var cleared = query.with()
        cleared.search = nil
        return cleared.path
    }

    static func pager(_ query: InstructorsQuery, matching: Int) -> HTML {
        let pages = max(1, (matching + InstructorsQuery.pageSize - 1) / InstructorsQuery.pageSize)
        guard pages > 1 else { return .empty }
        let previous: HTML =
            query.page > 1 ? "<a href=\"\(query.with(page: query.page - 1).path)\" rel=\"prev\">← Previous</a>" : .empty
        let next: HTML =
            query.page < pages ? "<a href=\"\(query.with(page: query.page + 1).path)\" rel=\"next\">Next →</a>" : .empty
        return "<nav class=\"pager\" aria-label=\"Pages\">\(previous) Page \(query.page) of \(pages) \(next)</nav>"
    }

    static func row(
        _ person: PersonContext, query: InstructorsQuery, session: AdminSession, zone: DisplayZone,
        vocabularies: ProviderVocabularies
    ) -> HTML {
        let instructor = person.instructor
        let integration = person.integration
        let problem = InstructorRepresentation.lastError(person)
        var reason: HTML = (problem?["message"] as? String).map { "<br><span class=\"muted\">\($0)</span>" } ?? .empty
        if let meaning = Widgets.explanation(
            code: problem?["code"] as? String, httpStatus: nil,
            context: integration.map { ErrorExplanation.Context($0) } ?? .init(), vocabularies: vocabularies)
        {
            reason = reason + "<br>" + meaning
        }
        let week = AdminPaths.with(AdminPaths.availability, [("instructor", instructor.id)])
        let action: HTML
        if session.canAdminister {
            let fields = [("enabled", instructor.syncEnabled ? "false" : "true"), ("return", query.path)]
            let label = instructor.syncEnabled ? "Stop sync" : "Start sync"
            action =
                "<td>\(Widgets.button(label, action: AdminPaths.instructorSync(instructor.id), session: session, fields: fields, style: instructor.syncEnabled ? "secondary" : ""))</td>"
        } else {
            action = .empty
        }
        return """
            <tr><th scope="row"><a href="\(week)">\(instructor.name)</a><br><span class="muted">\(instructor.id)</span></th>
            <td>\(instructor.email)</td>
            <td>\(Widgets.badge(instructor.syncEnabled ? "on" : "off")) \(Widgets.badge(person.status.rawValue))</td>
            <td>\(zone.instant(person.lastSyncAt))</td>
            <td>\(integration?.type ?? "—")</td>
            <td>\(integration?.name ?? "none covers this person")</td>
            <td>\(integration.map { Widgets.badge($0.status.rawValue) } ?? "—")</td>
            <td>\(Widgets.badge(person.matchStatus.rawValue))\(reason)</td>
            \(action)</tr>
            """
    }
}
