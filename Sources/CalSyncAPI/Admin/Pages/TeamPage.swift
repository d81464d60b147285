import CalSyncCore
import Foundation

/// An establishment's week: one row per person, one cell per day (UTC days), saying what keeps them busy, with
/// conflicts highlighted and unknown availability never shown as free.
enum TeamPage {
    struct Row: Sendable {
        var answer: PersonAvailability
        var conflicts: [TimeRange]
    }

    static func render(_ rows: [Row], monday: LocalDate, establishment: String?, establishments: [String],
                       session: AdminSession) -> HTML {
        let utc = TimeZone(identifier: "UTC")!
        let days = (0..<7).map { monday.adding(days: $0) }
        let header = days.map { day -> HTML in "<th scope=\"col\">\(WeekPage.dayName(day)) \(day.description)</th>" }
        let body = rows.map { row -> HTML in
            let instructor = row.answer.person.instructor
            let week = AdminPaths.with(AdminPaths.availability, [("instructor", instructor.id), ("week", monday.description)])
            let cells = days.map { day -> HTML in
                let range = TimeRange(start: day.startOfDay(in: utc), end: day.adding(days: 1).startOfDay(in: utc))
                return cell(row, range: range)
            }
            return """
                <tr><th scope="row"><a href="\(week)">\(instructor.name)</a> \(Widgets.badge(row.answer.person.status.rawValue))</th>\(cells)</tr>
                """
        }
        let choices = establishments.map { (value: $0, label: $0) }
        let table: HTML =
            rows.isEmpty
            ? "<p>Nobody in this establishment.</p>"
            : """
            <table class="team"><caption>Days in UTC; a name opens the person's week</caption>
            <thead><tr><th scope="col">Instructor</th>\(header)</tr></thead><tbody>\(body)</tbody></table>
            """
        func link(_ days: Int) -> String {
            AdminPaths.with(AdminPaths.team, [("establishment", establishment), ("week", monday.adding(days: days).description)])
        }
        return AdminLayout.page(
            "Team week of \(monday)\(establishment.map { " — \($0)" } ?? "")", session: session, current: .availability,
            """
            <form class="card row" method="get" action="\(AdminPaths.team)">
            <div><label for="team-est">Establishment</label><select id="team-est" name="establishment">\(Widgets.options(choices, selected: establishment))</select></div>
            <div><label for="team-week">Week of</label><input id="team-week" name="week" type="date" value="\(monday.description)"></div>
            <button type="submit">Show team</button>
            </form>
            <p><a href="\(link(-7))">← Previous week</a> · <a href="\(link(7))">Next week →</a></p>
            \(WeekPage.legend)
            \(table)
            """)
    }

    static func cell(_ row: Row, range: TimeRange) -> HTML {
        if row.conflicts.contains(where: { $0.overlaps(range) }) {
            return "<td class=\"s-conflict\">Conflict</td>"
        }
        let busy = row.answer.availability.busy.filter { TimeRange(start: $0.start, end: $0.end).overlaps(range) }
        var parts: [String] = []
        for kind in BusyInterval.Kind.allCases {
            let hours = busy.filter { $0.kind == kind }.reduce(0.0) { total, interval in
                total + (min(interval.end, range.end).timeIntervalSince(max(interval.start, range.start))) / 3600
            }
            if hours > 0 { parts.append("\(kind.rawValue) \(String(format: "%.1f", hours)) h") }
        }
        // Empty time of the day: free only where the calendar is in step and synced (as in the week grid).
        let empty: WeekGrid.State =
            !row.answer.isInStep ? .unknown : row.answer.person.knownWindow?.contains(range) == true ? .free : .notSynced
        guard !parts.isEmpty else { return "<td class=\"s-\(empty.rawValue)\">\(empty.label)</td>" }
        // The cell takes the colour of the most telling kind, as the week grid does.
        let strongest = [BusyInterval.Kind.training, .absence, .external].first { kind in busy.contains { $0.kind == kind } }
        let suffix = empty == .free ? "" : " (rest \(empty.label))"
        return "<td class=\"s-\(strongest?.rawValue ?? "external")\">\(parts.joined(separator: ", "))\(suffix)</td>"
    }
}
