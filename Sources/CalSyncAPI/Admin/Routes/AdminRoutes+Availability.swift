import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - Availability: one person's week, an establishment's week

extension AdminRoutes {
    /// `GET /admin/availability?instructor=&week=YYYY-MM-DD`: the person's week (the week holding that date, today's
    /// by default) in the viewer's zone, their mailbox's by default. Without a person: the choice of one.
    static func weekPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let people = try await store.instructors()
        guard let id = request.query("instructor") else {
            return AdminResponse.page(200, WeekPage.chooser(people, session: request.signedIn))
        }
        guard let instructor = people.first(where: { $0.id == id }) else { throw AdminError.notFound("This instructor") }
        let now = deps.context.clock.now()
        let person = try await PersonContext.load(instructor, store: store, now: now)
        let display = try DisplayZone.of(request, pageDefault: (person.calendarZone, "\(instructor.name)'s mailbox zone"))
        let zone = display.zone
        let monday = WeekGrid.monday(of: try week(request, now: now, zone: zone))
        let range = TimeRange(start: monday.startOfDay(in: zone), end: monday.adding(days: 7).startOfDay(in: zone))
        guard let facts = try await store.availabilityFacts(instructorId: id, range: range) else {
            throw AdminError.notFound("This instructor")
        }
        let answer = PersonAvailability(facts, window: range, now: now)
        let conflicts = ConflictRules.distinct(try await ConflictFinder(store: store).conflicts(instructorId: id, range: range))
        let grid = WeekGrid(
            monday: monday, zone: zone, busy: answer.availability.busy, conflicts: conflicts.map(overlap),
            known: answer.isInStep, synced: answer.person.knownWindow)
        let labels = try await weekLabels(answer, conflicts: conflicts, store: store)
        return AdminResponse.page(
            200,
            WeekPage.render(
                answer, grid: grid, conflicts: conflicts, labels: labels, zone: display, people: people,
                session: request.signedIn))
    }

    /// The titles of the week's training events and the accounts of its absences, in one query each.
    static func weekLabels(_ answer: PersonAvailability, conflicts: [ConflictFinder.Conflict], store: CalSyncStore)
        async throws -> ItemLabels
    {
        var events = Set(conflicts.map(\.eventId))
        var absences: Set<String> = []
        for interval in answer.availability.busy {
            guard let ref = interval.ref else { continue }
            if interval.kind == .training { events.insert(ref) } else if interval.kind == .absence { absences.insert(ref) }
        }
        for conflict in conflicts {
            guard let ref = conflict.withRef else { continue }
            if conflict.withKind == .training { events.insert(ref) } else { absences.insert(ref) }
        }
        return try await ItemLabels.load(events: events, absences: absences, store: store)
    }

    /// `GET /admin/availability/team?establishment=&week=`: everyone of an establishment, day by day, the days in
    /// the viewer's zone (by default the mailbox zone most of its people share).
    static func teamPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let people = try await store.instructors()
        let establishments = Array(Set(people.compactMap(\.establishment))).sorted()
        let establishment = request.query("establishment") ?? establishments.first
        let members = people.filter { $0.establishment == establishment && establishment != nil }
        let now = deps.context.clock.now()
        let contexts = try await PersonContext.loadAll(members, store: store, now: now)
        let display = try DisplayZone.of(request, pageDefault: commonZone(contexts))
        let zone = display.zone
        let monday = WeekGrid.monday(of: try week(request, now: now, zone: zone))
        let range = TimeRange(start: monday.startOfDay(in: zone), end: monday.adding(days: 7).startOfDay(in: zone))
        var rows: [TeamPage.Row] = []
        for facts in try await store.availabilityFacts(instructorIds: members.map(\.id), range: range) {
            let answer = PersonAvailability(facts, window: range, now: now)
            let conflicts = try await ConflictFinder(store: store).conflicts(instructorId: answer.instructorId, range: range)
            rows.append(TeamPage.Row(answer: answer, conflicts: conflicts.map(overlap)))
        }
        return AdminResponse.page(
            200,
            TeamPage.render(
                rows.sorted { $0.answer.person.instructor.name < $1.answer.person.instructor.name }, monday: monday,
                establishment: establishment, establishments: establishments, session: request.signedIn, zone: display))
    }

    /// The mailbox zone most of these people share (ties: the first by name), and how it was chosen; nil for nobody.
    static func commonZone(_ people: [PersonContext]) -> (zone: TimeZone, why: String)? {
        let counts = Dictionary(people.map { ($0.calendarZone.identifier, 1) }, uniquingKeysWith: +)
        guard let (name, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
            let zone = TimeZone(identifier: name)
        else { return nil }
        return (zone, count == people.count ? "everyone's mailbox zone" : "most people's mailbox zone")
    }

    /// The `week` query as a date (today in `zone` when absent).
    static func week(_ request: AdminRequest, now: Date, zone: TimeZone) throws -> LocalDate {
        guard let text = request.query("week") else { return LocalDate(now, in: zone) }
        guard let date = LocalDate(text), (1...9998).contains(date.year) else {
            throw AdminError(400, "`week` must be a date written YYYY-MM-DD.", field: "week")
        }
        return date
    }

    /// Where a conflict's two sides overlap: the time drawn as a conflict.
    static func overlap(_ conflict: ConflictFinder.Conflict) -> TimeRange {
        TimeRange(
            start: max(conflict.eventRange.start, conflict.withRange.start),
            end: min(conflict.eventRange.end, conflict.withRange.end))
    }
}
