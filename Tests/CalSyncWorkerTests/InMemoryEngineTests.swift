import CalSyncCore
import CalSyncStore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncWorker

/// The engine on the in-memory provider, in each shape a calendar system can take (how it tracks changes, how it
/// makes a create safe to repeat): what the engine does rests on the provider's capabilities, never on its name.
@Suite struct InMemoryEngineTests {
    enum Shape: String, CaseIterable, Sendable {
        case windowed, unbounded, detectThenRelist

        var capabilities: ProviderCapabilities {
            switch self {
            case .windowed: return InMemoryCalendarProvider.standardCapabilities
            case .unbounded:
                return ProviderCapabilities(
                    changeTracking: .unbounded, expandsRecurrences: true, idempotentCreate: .clientChosenId, inFlightLimit: 10,
                    inFlightScope: .account)
            case .detectThenRelist:
                return ProviderCapabilities(
                    changeTracking: .detectThenRelist, expandsRecurrences: true, idempotentCreate: .tagLookup, inFlightLimit: 10,
                    inFlightScope: .account)
            }
        }
    }

    /// Every integration's provider is the one in-memory calendar system.
    struct Providers: CalendarProviderFactory {
        let memory: InMemoryCalendarProvider
        func provider(for integration: Integration) throws -> any CalendarProvider { memory }
    }

    /// Ana, matched to her calendar in the in-memory system, and an engine syncing her.
    final class World: Sendable {
        let memory: InMemoryCalendarProvider
        let calendar: CalendarID
        let database = TemporaryDatabase(prefix: "calsync-memory")
        let store: CalSyncStore
        let engine: SyncEngine

        init(_ shape: Shape) async throws {
            memory = InMemoryCalendarProvider(capabilities: shape.capabilities, pageSize: 2)
            calendar = memory.addPerson(SeededPerson("Ana", mail: "ana@example.test", zone: "Europe/Paris")).id
            store = try database.open()
            engine = SyncEngine(store: store, providers: Providers(memory: memory), logger: .silent)
            try await store.saveIntegration(
                Integration(
                    id: "memory", name: "In memory", tenantId: "t", clientId: "c", clientSecret: Secret("unused-secret"),
                    graphBaseURL: "http://127.0.0.1:9/v1.0", authorityHost: "http://127.0.0.1:9", createdAt: Date()))
            try await store.saveInstructor(Instructor(id: "i-ana", name: "Ana", email: "ana@example.test"))
        }

        func cycle() async throws -> CycleReport {
            let report = try #require(await engine.runCycle())
            #expect(report.integrations.allSatisfy { $0.errors.isEmpty }, "\(report)")
            return report
        }

        func blocks() async throws -> [BusyBlock] { try await store.busyBlocks(instructorId: "i-ana", overlapping: nil) }

        /// Runs the outbox until nothing is pending (requeued operations wait for their backoff): at least 15 s and
        /// 150 rounds (`eventually`).
        func settle() async throws {
            _ = try await eventually(within: 15, polls: 150, every: .milliseconds(100)) {
                await engine.drainOutbox()
                return try await store.pendingOperationCount() == 0
            }
        }
    }

    func hour(_ day: Int, _ hour: Int) -> EventTime {
        .timed(TimeRange(start: Day.instant(day, hour), end: Day.instant(day, hour + 1)), zone: "UTC")
    }

    @Test(arguments: Shape.allCases)
    func aPersonsEventBecomesABlockThatMovesAndGoes(_ shape: Shape) async throws {
        let world = try await World(shape)
        let id = try world.memory.add(PersonEvent("Dentist", time: hour(2, 9)), to: world.calendar)
        try world.memory.add(PersonEvent("Lunch", time: hour(2, 12), showAs: .free), to: world.calendar)
        _ = try await world.cycle()
        #expect(try await world.blocks().map(\.externalId) == [id])
        #expect(try await world.blocks().first?.start == Day.instant(2, 9))

        try world.memory.change(id, in: world.calendar, to: PersonEvent("Dentist", time: hour(3, 14)))
        _ = try await world.cycle()
        #expect(try await world.blocks().map(\.start) == [Day.instant(3, 14)])

        try world.memory.remove(id, from: world.calendar)
        _ = try await world.cycle()
        #expect(try await world.blocks().isEmpty)
        #expect(world.memory.writeRequests == 0, "pulling writes nothing")
    }

    @Test(arguments: Shape.allCases)
    func anExpiredCursorStartsAFullListingThatKeepsWhatIsStillThere(_ shape: Shape) async throws {
        let world = try await World(shape)
        let kept = try world.memory.add(PersonEvent("Kept", time: hour(2, 9)), to: world.calendar)
        let gone = try world.memory.add(PersonEvent("Gone", time: hour(2, 11)), to: world.calendar)
        _ = try await world.cycle()
        try world.memory.remove(gone, from: world.calendar)
        world.memory.expireCursors()
        let report = try await world.cycle()
        #expect(report.integrations.first?.fullRounds == 1)
        #expect(try await world.blocks().map(\.externalId) == [kept])
    }

    @Test(arguments: Shape.allCases)
    func aCreateThatCommittedThenFailedIsNotMadeTwice(_ shape: Shape) async throws {
        let world = try await World(shape)
        _ = try await world.cycle()  // matched
        world.memory.install(.ambiguousCreate())
        try await world.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift Basics", start: Day.instant(3, 8), end: Day.instant(3, 16), timeZone: "Europe/Paris",
                location: "Room 4", instructorIds: ["i-ana"]))
        _ = try await world.engine.runCycle()
        try await world.settle()
        let tag = EventTag.value(for: PushKey(integrationId: "memory", itemKind: .event, itemId: "t-1", instructorId: "i-ana"))
        let pushed = world.memory.items(in: world.calendar).filter { $0.tag == tag }
        #expect(pushed.count == 1)
        #expect(pushed.first?.subject == "Swift Basics")
        let mapping = try #require(try await world.store.mappings(instructorId: "i-ana").first)
        #expect(mapping.externalId == pushed.first?.id)
        let creates = world.memory.calls.filter { $0.operation == .create }
        #expect(creates.map(\.failure) == [.transient], "one create, answered as a timeout after it committed")
        #expect(world.memory.calls.contains { $0.operation == .find }, "the next attempt looked the event up by its tag")
        #expect(try await world.blocks().isEmpty, "CalSync's own event is no busy block")
    }
}
