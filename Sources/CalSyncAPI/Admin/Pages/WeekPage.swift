import CalSyncCore
import Foundation

/// One person's week (Administrate's availability calendar): their own calendar's busy blocks in dark gray, training
/// events and absences with their titles, each conflict once, and how fresh it all is: when the calendar is not known
/// to be in step, empty slots are drawn as unknown, never as free. Times are in the viewer's zone (the person's
/// mailbox zone unless the viewer chose another).
enum WeekPage {
    static func chooser(_ people: [Instructor], session: AdminSession) -> HTML {
        AdminLayout.page(
            "Availability", session: session, current: .availability,
            """
            \(pickForm(people, selected: nil, week: nil))
            <p><a href="\(AdminPaths.team)">Team view of an establishment</a></p>
            """)
    }

    static func pickForm(_ people: [Instructor], selected: String?, week: LocalDate?) -> HTML {
        let choices = people.map { (value: $0.id, label: "\($0.name) (\($0.id))") }
        return """
            <form class="card row" method="get" action="\(AdminPaths.availability)">
            <div><label for="pick-person">Instructor</label><select id="pick-person" name="instructor">\(Widgets.options(choices, selected: selected))</select></div>
            <div><label for="pick-week">Week of</label><input id="pick-week" name="week" type="date" value="\(week?.description ?? "")"></div>
            <button type="submit">Show week</button>
            </form>
            """
    }

    static func render(
        _ answer: PersonAvailability, grid: WeekGrid, conflicts: [ConflictFinder.Conflict], labels: ItemLabels,
        zone: DisplayZone, people: [Instructor], session: AdminSession
    ) -> HTML {
        let person = answer.person
        let instructor = person.instructor
        let monday = grid.days[0]
        func link(_ days: Int) -> String {
            AdminPaths.with(
                AdminPaths.availability, [("instructor", instructor.id), ("week", monday.adding(days: days).description)])
        }
        let team: HTML =
            instructor.establishment.map {
                " · <a href=\"\(AdminPaths.with(AdminPaths.team, [("establishment", $0), ("week", monday.description)]))\">Team view of \($0)</a>"
            } ?? .empty
        return AdminLayout.page(
            "Week of \(monday) — \(instructor.name)", session: session, current: .availability, zone: zone,
            """
            \(pickForm(people, selected: instructor.id, week: monday))
            <p><a href="\(link(-7))">← Previous week</a> · <a href="\(link(7))">Next week →</a>\(team)</p>
            \(freshness(answer, zone: zone))
            \(legend)
            \(table(grid, zone: zone.zone, labels: labels))
            \(itemList(answer, zone: zone.zone, labels: labels))
            \(conflictList(conflicts, zone: zone.zone, labels: labels))
            """)
    }

    static func freshness(_ answer: PersonAvailability, zone: DisplayZone) -> HTML {
        let person = answer.person
        let note: HTML
        if !answer.isInStep {
            note = """
                <strong>Availability unknown</strong> (\(person.status.rawValue)): empty slots are shown hatched, \
                not as free.
                """
        } else if !answer.isKnown {
            var synced: HTML = "not synced at all"
            if let window = person.knownWindow {
                synced = "synced from \(zone.instant(window.start)) until \(zone.instant(window.end))"
            }
            note = """
                Their calendar is in step, but \(synced): empty slots outside are shown hatched as \
                <strong>not synced</strong>, not as free.
                """
        } else {
            note = "Their calendar is in step: empty slots are free."
        }
        return """
            <p class="card\(answer.isKnown ? "" : " stale")" role="status">Sync status \(Widgets.badge(person.status.rawValue)) · \
            last sync \(zone.instant(person.lastSyncAt)). \(note)</p>
            """
    }

    static let legend: HTML = """
        <ul class="legend" aria-label="Legend">
        <li><span class="swatch s-external"></span>Busy in their own calendar</li>
        <li><span class="swatch s-training"></span>Training</li>
        <li><span class="swatch s-absence"></span>Absence</li>
        <li><span class="swatch s-conflict"></span>Conflict</li>
        <li><span class="swatch s-unknown"></span>Unknown (calendar not in step)</li>
        <li><span class="swatch s-not-synced"></span>Not synced (outside the synced window)</li>
        <li><span class="swatch s-free"></span>Free</li>
        </ul>
        """

    static func table(_ grid: WeekGrid, zone: TimeZone, labels: ItemLabels) -> HTML {
        let header = grid.days.map { day -> HTML in "<th scope=\"col\">\(dayName(day)) \(day.description)</th>" }
        let rows = zip(grid.rows, grid.cells).map { minutes, cells -> HTML in
            let time = String(format: "%02d:%02d", minutes / 60, minutes % 60)
            let tds = cells.map { cell -> HTML in
                // The event's title or the absence's account first (what a person reads), then the id.
                let label = cell.ref.flatMap { ref in kind(cell.state).flatMap { labels.text($0, ref) } }
                let short =
                    cell.ref.map { ref in label.map { "\($0) · \(ref)" } ?? "\(cell.state.label) \(ref)" } ?? cell.state.label
                let text = cell.startsRun && cell.state != .free ? short : ""
                let title = cell.state.label + (cell.ref.map { " \($0)" } ?? "") + (label.map { " — \($0)" } ?? "")
                return "<td class=\"s-\(cell.state.rawValue)\" title=\"\(title)\"><span>\(text)</span></td>"
            }
            return "<tr><th scope=\"row\">\(time)</th>\(tds)</tr>"
        }
        return """
            <table class="week"><caption>Half-hour slots, 07:00–20:00, times in \(DisplayZone.name(zone))</caption>
            <thead><tr><th scope="col">Time</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// The kind of item a cell's `ref` names.
    static func kind(_ state: WeekGrid.State) -> ItemKind? {
        switch state {
        case .training: .event
        case .absence: .absence
        default: nil
        }
    }

    static func itemList(_ answer: PersonAvailability, zone: TimeZone, labels: ItemLabels) -> HTML {
        let busy = answer.availability.busy
        guard !busy.isEmpty else { return "<h2>This week's busy time</h2><p>Nothing.</p>" }
        let rows = busy.map { interval -> HTML in
            """
            <tr><td>\(interval.kind.rawValue)</td><td>\(time(interval.start, zone)) – \(time(interval.end, zone))</td>
            <td>\(interval.showAs.rawValue)\(interval.isAllDay ? ", all day" : "")</td><td>\(reference(interval.kind, interval.ref, labels))</td></tr>
            """
        }
        return """
            <h2>This week's busy time</h2>
            <table><thead><tr><th scope="col">Kind</th><th scope="col">When (\(DisplayZone.name(zone)))</th>
            <th scope="col">Shows as</th><th scope="col">Event or absence</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// An event's or absence's id with its title or account: `<code>t-1</code> — Swift Basics`.
    static func reference(_ kind: BusyInterval.Kind, _ ref: String?, _ labels: ItemLabels) -> HTML {
        guard let ref else { return "—" }
        let label = (kind == .training ? ItemKind.event : kind == .absence ? .absence : nil).flatMap { labels.label($0, ref) }
        return "<code>\(ref)</code>\(label.map { " \($0)" } ?? .empty)"
    }

    /// Each conflict once (`ConflictRules.distinct`: two overlapping assignments are one conflict).
    static func conflictList(_ conflicts: [ConflictFinder.Conflict], zone: TimeZone, labels: ItemLabels) -> HTML {
        guard !conflicts.isEmpty else { return "<h2>Conflicts</h2><p>None this week.</p>" }
        let items = conflicts.map { conflict -> HTML in
            let with: HTML =
                conflict.withRef.map { "\(conflict.withKind.rawValue) \(reference(conflict.withKind, $0, labels))" }
                ?? "a block of their own calendar"
            return
                "<li>Training \(reference(.training, conflict.eventId, labels)) (\(time(conflict.eventRange.start, zone))) overlaps \(with) (\(time(conflict.withRange.start, zone)) – \(time(conflict.withRange.end, zone)))</li>"
        }
        return "<h2>Conflicts</h2><ul class=\"conflicts\">\(items)</ul>"
    }

    static func dayName(_ day: LocalDate) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1] }

    static func time(_ instant: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
        return formatter.string(from: instant)
    }
}
