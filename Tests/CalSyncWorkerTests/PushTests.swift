import CalSyncCore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

@Suite(.serialized) struct PushTests {
    func harness() async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        try await h.add(Instructor(id: "i-cleo", name: "Cleo", email: "cleo@contoso.example"))
        return h
    }

    func training(_ id: String = "t-1", title: String = "Swift Basics", day: Int = 3, instructors: [String]) -> TrainingEvent {
        TrainingEvent(
            id: id, title: title, start: Day.instant(day, 8), end: Day.instant(day, 16),
            timeZone: "Europe/Paris", location: "Room 4", instructorIds: instructors)
    }

    /// The events CalSync pushed into a mailbox, read back from the emulator's own store.
    func pushed(_ h: SyncHarness, _ userId: String) -> [EmulatorEventSnapshot] {
        h.emulator.storedEvents(userId: userId).filter { $0.tag != nil }
    }

    @Test func anAssignedEventAppearsOnceTaggedThenUpdatesThenGoes() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await h.store.saveTrainingEvent(training(instructors: ["i-ana"]))
        _ = try await h.cycle()
        var events = pushed(h, "u-ana")
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.subject == "Swift Basics")
        #expect(event.tag == "calsync|contoso|event|t-1|i-ana")
        #expect(event.categories == ["CalSync"])
        #expect(event.attendeeCount == 0)
        #expect(event.transactionId != nil)
        #expect(event.start == Day.instant(3, 8))

        // A second cycle changes nothing: exactly once.
        let again = try await h.cycle()
        #expect(again.pushed == 0)
        #expect(pushed(h, "u-ana").count == 1)

        // An edit updates the same event.
        var edited = training(title: "Swift Basics II", instructors: ["i-ana"])
        edited.end = Day.instant(3, 17)
        try await h.store.saveTrainingEvent(edited)
        let update = try await h.cycle()
        #expect(update.integrations.first?.updated == 1)
        events = pushed(h, "u-ana")
        #expect(events.map(\.id) == [event.id])
        #expect(events.first?.subject == "Swift Basics II")
        #expect(events.first?.end == Day.instant(3, 17))

        // Unassigning deletes it.
        edited.instructorIds = []
        try await h.store.saveTrainingEvent(edited)
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").isEmpty)
        let ops = try await h.store.operations(instructorId: "i-ana")
        #expect(ops.map(\.action) == [.create, .update, .delete])
        #expect(ops.allSatisfy { $0.status == .success })
    }

    @Test func anInstructorWithSyncOffGetsNothing() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await h.store.setSyncEnabled(instructorId: "i-cleo", enabled: false)
        try await h.store.saveTrainingEvent(training(instructors: ["i-ana", "i-cleo"]))
        for user in ["u-ana", "u-cleo"] {
            _ = try h.emulator.addEvent(
                userId: user, json: Body.event("Own meeting", start: Day.wall(2, 9), end: Day.wall(2, 10)))
        }
        let report = try await h.cycle()
        #expect(pushed(h, "u-ana").count == 1)
        #expect(pushed(h, "u-cleo").isEmpty)
        // Nor is Cleo's calendar read: no pull, no busy blocks, no delta state.
        #expect(try await h.blocks("i-ana").count == 1)
        #expect(try await h.blocks("i-cleo").isEmpty)
        #expect(try await h.store.syncState(integrationId: "contoso", instructorId: "i-cleo") == nil)
        #expect(report.instructorCount == 1)
    }

    @Test func ourOwnEventsNeverComeBackAsBusyBlocks() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await h.store.saveTrainingEvent(training(instructors: ["i-ana"]))
        _ = try await h.cycle()
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").count == 1)
        #expect(try await h.blocks("i-ana").isEmpty)
        // Not even in a new full round, where the id map is the only thing that tells them apart…
        h.emulator.expireDeltaTokens()
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").isEmpty)
        // …nor when the map is lost (here: deleted from the store): the tag and category still mark them.
        for mapping in try await h.store.mappings(instructorId: "i-ana") {
            try await h.store.deleteMapping(for: mapping.key)
        }
        #expect(try await h.store.mappedExternalIds(integrationId: "contoso", calendarId: "u-ana").isEmpty)
        try await h.restart()
        h.emulator.expireDeltaTokens()
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").isEmpty)
    }

    @Test func aCancelledEventIsDeletedFromTheCalendar() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        var event = training(instructors: ["i-ana", "i-cleo"])
        try await h.store.saveTrainingEvent(event)
        _ = try await h.cycle()
        #expect(pushed(h, "u-ana").count == 1 && pushed(h, "u-cleo").count == 1)
        event.status = .cancelled
        try await h.store.saveTrainingEvent(event)
        let report = try await h.cycle()
        #expect(report.integrations.first?.deleted == 2)
        #expect(pushed(h, "u-ana").isEmpty && pushed(h, "u-cleo").isEmpty)
    }

    @Test func anEventDeletedInOutlookIsRecreatedAndLogged() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        var event = training(instructors: ["i-ana"])
        try await h.store.saveTrainingEvent(event)
        _ = try await h.cycle()
        let first = try #require(pushed(h, "u-ana").first)
        try h.emulator.removeEvent(userId: "u-ana", eventId: first.id)
        event.title = "Renamed"
        try await h.store.saveTrainingEvent(event)
        _ = try await h.cycle()
        let events = pushed(h, "u-ana")
        #expect(events.count == 1)
        #expect(events.first?.subject == "Renamed")
        #expect(events.first?.id != first.id)
        let ops = try await h.store.operations(instructorId: "i-ana")
        #expect(ops.last?.note?.contains("recreated") == true)
    }
}
