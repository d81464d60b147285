import CalSyncCore
import CalSyncProviders
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

/// Changes committed while their key's operation is running (found by `.ci/crash_test.py`). The API
/// write finds the key's operation still pending and queues nothing, and the running operation acts
/// on what it planned before the change: without planning the item again when the operation finishes,
/// the change waited for the next cycle (5 minutes by default).
@Suite(.serialized) struct OutboxRaceTests {
    func harness() async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        _ = try await h.cycle()  // matched, nothing to push yet
        return h
    }

    /// What an API write does: the change and its operations in one transaction.
    func write(_ h: SyncHarness, _ event: TrainingEvent?, id: String) async throws {
        try await h.store.write { db in
            if let event { _ = try db.saveTrainingEvent(event) } else { try db.deleteTrainingEvent(id: id) }
            try OutboxPlanner.enqueue(in: db, itemKind: .event, itemId: id, now: Date(), vocabularies: graphVocabularies)
        }
    }

    func ours(_ h: SyncHarness) -> [EmulatorEventSnapshot] { h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil } }

    /// Writes the event, starts draining with Graph slowed down, applies `change` while the create is
    /// in flight, then wakes the pusher again (as the API does after every write).
    func raceCreate(_ h: SyncHarness, change: (TrainingEvent) async throws -> Void) async throws {
        let event = TrainingEvent(
            id: "t-race", title: "Race", start: Day.instant(3, 8), end: Day.instant(3, 10),
            timeZone: "UTC", instructorIds: ["i-ana"])
        try await write(h, event, id: event.id)
        var slow = EmulatorFaults()
        slow.addedLatencyMs = 600
        h.emulator.setFaults(slow)
        let drain = Task { await h.engine.drainOutbox() }
        try await Task.sleep(for: .milliseconds(250))  // the create is in flight
        try await change(event)
        await drain.value
        await h.engine.drainOutbox()
        h.emulator.setFaults(EmulatorFaults())
    }

    @Test func aMoveCommittedWhileTheCreateRunsReachesTheCalendarWithoutACycle() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await raceCreate(h) { event in
            var moved = event
            moved.start = Day.instant(3, 12)
            moved.end = Day.instant(3, 14)
            try await write(h, moved, id: event.id)
        }
        let events = ours(h)
        #expect(events.count == 1)
        #expect(events.first?.start == Day.instant(3, 12))
        #expect(events.first?.end == Day.instant(3, 14))
        #expect(try await h.store.pendingOperationCount() == 0)
    }

    @Test func aDeletionCommittedWhileTheCreateRunsRemovesTheEventWithoutACycle() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await raceCreate(h) { event in try await write(h, nil, id: event.id) }
        #expect(ours(h).count == 0, "no orphan left in the calendar")
        #expect(try await h.store.mappings(instructorId: "i-ana").isEmpty)
    }

    /// A person's sync switched off with `removeEvents` while their create runs: the delete is asked for on the key's
    /// one open operation (the running create), and is carried out once the create is recorded. The log keeps both.
    @Test func aRemovalAskedWhileTheCreateRunsIsCarriedOutAfterIt() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        try await raceCreate(h) { event in
            try await h.store.write { db in
                try db.setSyncEnabled(instructorId: "i-ana", enabled: false)
                for mapping in try db.mappings(instructorId: "i-ana") {
                    try db.queueOperation(mapping.key, action: .delete, now: Date())
                }
            }
        }
        #expect(ours(h).isEmpty, "the event CalSync created is removed")
        #expect(try await h.store.mappings(instructorId: "i-ana").isEmpty)
        let log = try await h.store.operations(instructorId: "i-ana")
        #expect(log.map(\.action) == [.create, .delete])
        #expect(log.map(\.status) == [.success, .success])
    }

    // MARK: - A process that dies right after a write reached the calendar (before recording it)

    func pushed(_ h: SyncHarness) async throws -> TrainingEvent {
        let event = TrainingEvent(
            id: "t-crash", title: "Crash", start: Day.instant(3, 8), end: Day.instant(3, 10),
            timeZone: "UTC", instructorIds: ["i-ana"])
        try await write(h, event, id: event.id)
        await h.engine.drainOutbox()
        #expect(ours(h).count == 1)
        return event
    }

    /// Drains once with a provider whose update and delete reach the calendar, then "die".
    func drainAndDie(_ h: SyncHarness) async {
        let dying = DyingProviders(inner: curlProviders(transport: h.transport))
        _ = await OutboxDrainer(store: h.store, providers: dying, clock: SystemWallClock(), logger: .silent).drain()
    }

    @Test func aDeleteDoneJustBeforeACrashThenWantedAgainIsRecreated() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        var event = try await pushed(h)
        event.status = .cancelled
        try await write(h, event, id: event.id)
        await drainAndDie(h)  // deleted in the calendar, the mapping still there
        #expect(ours(h).count == 0)
        event.status = .scheduled  // wanted again, unchanged
        try await write(h, event, id: event.id)
        await h.engine.drainOutbox()
        #expect(ours(h).count == 1, "the event is recreated, not taken for present")
    }

    @Test func anUpdateDoneJustBeforeACrashThenUndoneIsPutBack() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let original = try await pushed(h)
        var moved = original
        moved.start = Day.instant(3, 12)
        moved.end = Day.instant(3, 14)
        try await write(h, moved, id: moved.id)
        await drainAndDie(h)  // the calendar shows the move, the mapping the old content
        #expect(ours(h).first?.start == Day.instant(3, 12))
        try await write(h, original, id: original.id)  // moved back
        await h.engine.drainOutbox()
        #expect(ours(h).first?.start == Day.instant(3, 8))
        #expect(ours(h).first?.end == Day.instant(3, 10))
    }
}

/// Calendar writes that reach the calendar, after which the caller "dies" (throws before it can record them).
struct DyingProviders: CalendarProviderFactory {
    let inner: ProviderRegistry

    struct Died: Error {}

    struct Provider: CalendarProvider {
        let inner: any CalendarProvider
        var capabilities: ProviderCapabilities { inner.capabilities }
        func directory(for addresses: [String]) async throws -> [DirectoryUser] { try await inner.directory(for: addresses) }
        func timeZone(of calendar: CalendarID) async throws -> String { try await inner.timeZone(of: calendar) }
        func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage {
            try await inner.changes(in: calendar, window: window, from: cursor)
        }
        func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String {
            _ = try await inner.create(event, in: calendar, idempotencyKey: idempotencyKey)
            throw Died()
        }
        func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws {
            try await inner.update(id, in: calendar, to: event)
            throw Died()
        }
        func delete(_ id: String, in calendar: CalendarID) async throws {
            try await inner.delete(id, in: calendar)
            throw Died()
        }
        func find(tag: String, in calendar: CalendarID) async throws -> String? { try await inner.find(tag: tag, in: calendar) }
        func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent {
            try await inner.event(id, in: calendar)
        }
    }

    var vocabularies: ProviderVocabularies { inner.vocabularies }

    func provider(for integration: Integration) throws -> any CalendarProvider {
        Provider(inner: try inner.provider(for: integration))
    }
}

/// A throttled push whose `Retry-After` is over before its attempt has even ended is due again while the drain that
/// tried it is still running. That drain does not try an operation twice, so it must ask for another drain at once:
/// otherwise the push waited, retrying, for the next cycle.
@Suite(.serialized) struct OutboxRetryWakeTests {
    @Test func aPushDueAgainBeforeItsDrainEndsIsRetriedWithoutACycle() async throws {
        let h = try await OutboxRaceTests().harness()
        defer { Task { await h.stop() } }
        var throttled = EmulatorFaults()
        throttled.throttle429 = 1
        throttled.retryAfterSeconds = 0...0
        h.emulator.setFaults(throttled)
        let event = TrainingEvent(
            id: "t-wake", title: "Wake", start: Day.instant(3, 8), end: Day.instant(3, 10),
            timeZone: "UTC", instructorIds: ["i-ana"])
        try await OutboxRaceTests().write(h, event, id: event.id)
        await h.engine.drainOutbox()
        #expect(OutboxRaceTests().ours(h).isEmpty, "the first drain was throttled")
        h.emulator.setFaults(EmulatorFaults())
        for _ in 0..<100 where OutboxRaceTests().ours(h).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(OutboxRaceTests().ours(h).count == 1, "retried by the pusher's own wake-up, not by a cycle")
    }
}
