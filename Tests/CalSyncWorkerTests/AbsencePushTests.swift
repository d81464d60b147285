import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

/// Absences pushed to the emulator over real sockets (docs/product-rules.md, "Push rules — absences"): the lifecycle
/// pending → approved → cancelled on one calendar event, half days, "already deleted", establishments.
@Suite(.serialized) struct AbsencePushTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func harness(establishments: [String] = []) async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        if !establishments.isEmpty {
            h.integration.establishments = establishments
            try await h.store.saveIntegration(h.integration)
        }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example", establishment: "paris"))
        try await h.add(Instructor(id: "i-cleo", name: "Cleo", email: "cleo@contoso.example", establishment: "lyon"))
        return h
    }

    func absence(
        _ id: String = "a-1", person: String = "i-ana", from: Int = 5, _ startHalf: Absence.Half = .am,
        to: Int = 6, _ endHalf: Absence.Half = .pm, status: Absence.Status,
        account: Absence.Account = .init(name: "Paid leave")
    ) -> Absence {
        Absence(
            id: id, personId: person, account: account, start: .init(date: Day.date(from), half: startHalf),
            end: .init(date: Day.date(to), half: endHalf), status: status)
    }

    /// What the API does: save and plan in one transaction.
    func save(_ h: SyncHarness, _ absence: Absence) async throws {
        try await h.store.write { db in
            try db.saveAbsence(absence)
            try OutboxPlanner.enqueue(
                in: db, itemKind: .absence, itemId: absence.id, now: Date(), vocabularies: graphVocabularies)
        }
    }

    func pushed(_ h: SyncHarness, _ userId: String) -> [EmulatorEventSnapshot] {
        h.emulator.storedEvents(userId: userId).filter { $0.tag != nil }
    }

    @Test func pendingThenApprovedUpdatesTheSameEventThenCancelledDeletesIt() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await save(h, absence(status: .pending))
        _ = try await h.cycle()
        let first = try #require(pushed(h, "u-ana").first)
        #expect(pushed(h, "u-ana").count == 1)
        #expect(first.isAllDay)
        #expect(first.showAs == "tentative")
        #expect(first.subject == "Absent")
        #expect(first.tag == "calsync|contoso|absence|a-1~days|i-ana")
        // Two whole days in Ana's mailbox zone (Paris), one all-day event over the run.
        #expect(first.start == Day.date(5).startOfDay(in: paris))
        #expect(first.end == Day.date(7).startOfDay(in: paris))

        try await save(h, absence(status: .approved))
        let approved = try await h.cycle()
        #expect(approved.integrations.first?.updated == 1)
        #expect(approved.integrations.first?.created == 0)
        let confirmed = pushed(h, "u-ana")
        #expect(confirmed.map(\.id) == [first.id])  // updated, not recreated
        #expect(confirmed.first?.showAs == "busy")

        // Nothing more to do on the next cycle (no drift read back from our own event).
        let idle = try await h.cycle()
        #expect(idle.pushed == 0)

        try await save(h, absence(status: .cancelled))
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").isEmpty)
        let ops = try await h.store.operations(instructorId: "i-ana")
        #expect(ops.map(\.action) == [.create, .update, .delete])
        #expect(ops.allSatisfy { $0.status == .success && $0.key.itemKind == .absence })
        #expect(try await h.store.absenceMappings(absenceId: "a-1").isEmpty)
    }

    @Test func halfDaysAreTimedAtTheWorkdayHoursInTheMailboxZone() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        // Afternoon of day 5, day 6 whole, morning of day 7: three entries.
        try await save(
            h,
            absence(
                from: 5, .pm, to: 7, .am, status: .approved,
                account: .init(name: "Training day", publicReason: true)))
        _ = try await h.cycle()
        let events = pushed(h, "u-ana").sorted { $0.start < $1.start }
        #expect(events.map(\.isAllDay) == [false, true, false])
        #expect(events.map(\.subject) == ["Training day", "Training day", "Training day"])
        #expect(events[0].start == Day.instant(5, 13, 30, zone: paris))
        #expect(events[0].end == Day.instant(5, 17, 30, zone: paris))
        #expect(events[2].start == Day.instant(7, 9, 0, zone: paris))
        #expect(events[2].end == Day.instant(7, 12, 30, zone: paris))

        // Shortened to the afternoon alone: the other two entries go, the afternoon stays as it was.
        try await save(
            h,
            absence(
                from: 5, .pm, to: 5, .pm, status: .approved,
                account: .init(name: "Training day", publicReason: true)))
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").map(\.id) == [events[0].id])

        // Deleted by the HR system: the entry goes.
        try await h.store.write { db in
            try db.deleteAbsence(id: "a-1")
            try OutboxPlanner.enqueue(in: db, itemKind: .absence, itemId: "a-1", now: Date(), vocabularies: graphVocabularies)
        }
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").isEmpty)
    }

    @Test func anEventAlreadyDeletedInTheCalendarIsNotedOnDelete() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await save(h, absence(status: .approved))
        _ = try await h.cycle()
        let event = try #require(pushed(h, "u-ana").first)
        try h.emulator.removeEvent(userId: "u-ana", eventId: event.id)
        // Denied before any pull noticed: the delete finds nothing (404), done and noted.
        try await save(h, absence(status: .denied))
        let drainer = OutboxDrainer(
            store: h.store, providers: curlProviders(transport: h.transport),
            clock: SystemWallClock(), logger: .silent)
        let outcome = await drainer.drain()
        #expect(outcome.errors.isEmpty)
        let last = try #require(try await h.store.operations(instructorId: "i-ana").last)
        #expect(last.action == .delete)
        #expect(last.status == .success)
        #expect(last.note == "already deleted")
    }

    @Test func onlyPeopleOfCoveredEstablishmentsGetTheirAbsencesAndChangingTheSetFollows() async throws {
        let h = try await harness(establishments: ["paris"])
        defer { Task { await h.stop() } }
        try await save(h, absence("a-ana", person: "i-ana", status: .approved))
        try await save(h, absence("a-cleo", person: "i-cleo", status: .approved))
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").count == 1)
        #expect(pushed(h, "u-cleo").isEmpty)

        // Lyon joins: Cleo's absence is pushed by the next plan of the whole integration.
        h.integration.establishments = ["paris", "lyon"]
        try await h.store.saveIntegration(h.integration)
        _ = try await h.cycle()
        #expect(pushed(h, "u-cleo").count == 1)

        // Paris leaves: Ana's entry is removed from her calendar.
        h.integration.establishments = ["lyon"]
        try await h.store.saveIntegration(h.integration)
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").isEmpty)
        #expect(pushed(h, "u-cleo").count == 1)
    }

    @Test func anAbsenceEntryChangedInTheCalendarIsPutBack() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await save(h, absence(from: 5, .pm, to: 5, .pm, status: .approved))
        _ = try await h.cycle()
        let event = try #require(pushed(h, "u-ana").first)
        try h.emulator.updateEvent(userId: "u-ana", eventId: event.id, json: ["showAs": "free"])
        _ = try await h.cycle()  // the pull sees the change and queues the repair, the push puts it back
        _ = try await h.cycle()
        let repaired = try #require(pushed(h, "u-ana").first)
        #expect(repaired.id == event.id)
        #expect(repaired.showAs == "busy")
        #expect(repaired.start == Day.instant(5, 13, 30, zone: paris))
        let notes = try await h.store.operations(instructorId: "i-ana").compactMap(\.note)
        #expect(notes.contains { $0.hasPrefix("put back") })
    }
}
