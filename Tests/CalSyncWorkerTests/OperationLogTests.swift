import CalSyncCore
import CalSyncTesting
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

/// What the operations log says, and that an admin's word in it holds.
@Suite(.serialized) struct OperationLogTests {
    static let noMailbox = EmulatorTenant.User(
        id: "u-gone", displayName: "Gone", mail: "gone@contoso.example", userPrincipalName: "gone@contoso.example",
        hasMailbox: false)

    func write(_ h: SyncHarness, _ event: TrainingEvent) async throws {
        try await h.store.write { db in
            _ = try db.saveTrainingEvent(event)
            try OutboxPlanner.enqueue(in: db, itemKind: .event, itemId: event.id, now: Date(), vocabularies: graphVocabularies)
        }
    }

    func training(_ id: String, instructor: String) -> TrainingEvent {
        TrainingEvent(
            id: id, title: "Training \(id)", start: Day.instant(3, 8), end: Day.instant(3, 10), timeZone: "UTC",
            instructorIds: [instructor])
    }

    /// A push that fails for good (no mailbox) is tried again by each cycle's backstop on the same line of the log,
    /// not on a new line per cycle (288 a day at the default interval).
    @Test func aKeyThatKeepsFailingStaysOneLineOfTheLog() async throws {
        let h = try await SyncHarness(users: Users.all + [Self.noMailbox])
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-gone", name: "Gone", email: "gone@contoso.example"))
        try await h.store.saveTrainingEvent(training("t-1", instructor: "i-gone"))
        for _ in 0..<3 { _ = try await h.cycle() }
        let operations = try await h.store.operations(instructorId: "i-gone")
        #expect(operations.count == 1)
        let only = try #require(operations.first)
        #expect(only.status == .error)
        #expect(only.errorCode == "MailboxNotEnabledForRESTAPI")
        #expect(only.attempts == 3)
    }

    /// An operation marked processed while the pusher already had it in hand (waiting behind the mailbox's previous
    /// write) is not carried out.
    @Test func anOperationMarkedProcessedWhileQueuedIsNotCarriedOut() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        _ = try await h.cycle()  // matched
        try await write(h, training("t-1", instructor: "i-ana"))
        try await write(h, training("t-2", instructor: "i-ana"))
        let second = try #require(try await h.store.operations(instructorId: "i-ana").last)
        var slow = EmulatorFaults()
        slow.addedLatencyMs = 600
        h.emulator.setFaults(slow)
        let drain = Task { await h.engine.drainOutbox() }
        try await Task.sleep(for: .milliseconds(250))  // t-1's create is in flight, t-2's waits behind it
        var dismissed = second
        dismissed.status = .processed
        try await h.store.updateOperation(dismissed)
        await drain.value
        h.emulator.setFaults(EmulatorFaults())

        let subjects = h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil }.map(\.subject)
        #expect(subjects == ["Training t-1"])
        let after = try #require(try await h.store.operation(id: second.id))
        #expect(after.status == .processed)
        #expect(after.attempts == 0)
    }

    /// Without the mailbox's time zone (its settings cannot be read), a pull would have to guess where an all-day
    /// event's date begins. It fails instead, and nothing is stored; once the zone can be read, the day is right.
    @Test func aPullWithoutTheMailboxZoneFailsRatherThanPlacingAllDayEventsInUTC() async throws {
        let noSettings = EmulatorTenant.App(
            clientId: "no-settings-app", clientSecret: SyncHarness.secret,
            roles: ["Calendars.ReadWrite", "User.Read.All"])
        let h = try await SyncHarness(users: Users.all, apps: [noSettings])
        defer { Task { await h.stop() } }
        var integration = h.integration
        integration.m365.clientId = "no-settings-app"
        try await h.store.saveIntegration(integration)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example", timeZone: "UTC"))
        let day = Day.date(5)
        _ = try h.emulator.addEvent(
            userId: "u-ana",
            json: Body.event(
                "Holiday", start: "\(day)T00:00:00", end: "\(day.adding(days: 1))T00:00:00", zone: "Romance Standard Time",
                allDay: true))

        let refused = try await h.cycle()
        #expect(try await h.blocks("i-ana").isEmpty)
        #expect(refused.integrations.first?.errors.contains { $0.contains("pulling i-ana") } == true)
        let state = try #require(try await h.store.syncState(integrationId: "contoso", instructorId: "i-ana"))
        #expect(state.lastErrorAt != nil && state.lastSuccessAt == nil)

        integration.m365.clientId = "calsync-app"
        try await h.store.saveIntegration(integration)
        _ = try await h.cycle()
        let paris = TimeZone(identifier: "Europe/Paris")!
        let block = try #require(try await h.blocks("i-ana").first)
        #expect(block.isAllDay)
        #expect(block.start == day.startOfDay(in: paris))
        #expect(block.end == day.adding(days: 1).startOfDay(in: paris))
    }
}

// MARK: - Creates whose outcome is unknown

extension OperationLogTests {
    /// Runs the outbox until nothing is pending (requeued operations wait for their backoff): at least `seconds` and
    /// as many rounds of 100 ms (`eventually`).
    func settle(_ h: SyncHarness, seconds: Double = 10) async throws {
        _ = try await eventually(within: seconds, polls: Int(seconds * 10), every: .milliseconds(100)) {
            await h.engine.drainOutbox()
            return try await h.store.pendingOperationCount() == 0
        }
    }

    /// A create answered 504 after Graph committed it: the outcome is unknown, so the next attempt looks the event up
    /// by its tag and adopts it. One POST in all, one event in the mailbox, mapped.
    @Test func aCreateAnswered504AfterItCommittedIsFoundByItsTagNotCreatedAgain() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        _ = try await h.cycle()  // matched
        var lost = EmulatorFaults()
        lost.gatewayTimeout504AfterCommit = 1
        h.emulator.setFaults(lost)
        try await write(h, training("t-1", instructor: "i-ana"))
        await h.engine.drainOutbox()
        let afterFirst = try #require(try await h.store.operations(instructorId: "i-ana").first)
        #expect(afterFirst.status == .pending && afterFirst.httpStatus == 504, "requeued, outcome unknown")
        #expect(h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil }.count == 1, "the create did commit")

        h.emulator.setFaults(EmulatorFaults())
        try await settle(h)
        let events = h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil }
        #expect(events.count == 1)
        let posts = h.emulator.stats().counts.filter { $0.key.route.hasPrefix("POST") && $0.key.route.hasSuffix("/events") }
        #expect(posts.values.reduce(0, +) == 1, "no second create was sent")
        let mapping = try #require(try await h.store.mappings(instructorId: "i-ana").first)
        #expect(mapping.externalId == events.first?.id)
        let done = try #require(try await h.store.operations(instructorId: "i-ana").first)
        #expect(done.status == .success && done.attempts == 2)
    }
}
