import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Availability: one person's week, an establishment's week

extension AdminRoutes {
    /// `GET /admin/availability?instructor=&week=YYYY-MM-DD`: the person's week (the week holding that date, today's
    /// by default) in their mailbox's zone. Without a person: the choice of one.
    static func weekPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let people = try await store.instructors()
        guard let id = request.query("instructor") else {
            return AdminResponse.page(200, WeekPage.chooser(people, session: request.signedIn))
        }
        guard let instructor = people.first(where: { $0.id == id }) else { throw AdminError.notFound("This instructor") }
        let now = deps.context.clock.now()
        let person = try await PersonContext.load(instructor, store: store, now: now)
        let zone = AbsenceRules.mailboxZone(mailboxTimeZone: person.match?.mailboxTimeZone, personTimeZone: instructor.timeZone)
        let monday = WeekGrid.monday(of: try week(request, now: now, zone: zone))
        let range = TimeRange(start: monday.startOfDay(in: zone), end: monday.adding(days: 7).startOfDay(in: zone))
        guard let facts = try await store.availabilityFacts(instructorId: id, range: range) else {
            throw AdminError.notFound("This instructor")
        }
        let answer = PersonAvailability(facts, window: range, now: now)
        let conflicts = try await ConflictFinder(store: store).conflicts(instructorId: id, range: range)
        let grid = WeekGrid(
            monday: monday, zone: zone, busy: answer.availability.busy, conflicts: conflicts.map(overlap),
            known: answer.isInStep, synced: answer.person.knownWindow)
        return AdminResponse.page(
            200,
            WeekPage.render(
                answer, grid: grid, conflicts: conflicts, zone: zone, people: people, session: request.signedIn))
    }

    /// `GET /admin/availability/team?establishment=&week=`: everyone of an establishment, day by day.
    static func teamPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let people = try await store.instructors()
        let establishments = Array(Set(people.compactMap(\.establishment))).sorted()
        let establishment = request.query("establishment") ?? establishments.first
        let members = people.filter { $0.establishment == establishment && establishment != nil }
        let now = deps.context.clock.now()
        let utc = TimeZone(identifier: "UTC")!
        let monday = WeekGrid.monday(of: try week(request, now: now, zone: utc))
        let range = TimeRange(start: monday.startOfDay(in: utc), end: monday.adding(days: 7).startOfDay(in: utc))
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
                establishment: establishment, establishments: establishments, session: request.signedIn))
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
