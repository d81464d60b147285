import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

/// The reader-lane reads behind availability (`CalSyncStore+Reads.swift`): what they return, and that their
/// per-lane memo never hides a write, whoever made it.
@Suite struct StoreAvailabilityTests {
    static func seed(_ store: CalSyncStore, people: [String] = ["i-1"]) async throws {
        try await store.saveIntegration(sampleIntegration())
        for id in people {
            try await store.saveInstructor(Instructor(id: id, name: id, email: "\(id)@contoso.com", establishment: "paris"))
            try await store.saveMatch(
                InstructorMatch(instructorId: id, integrationId: "int-1", status: .matched, calendarId: "u"))
            try await store.saveSyncState(
                SyncState(
                    integrationId: "int-1", instructorId: id, calendarId: "u", cursor: SyncCursor("d"),
                    windowStart: at(0), windowEnd: at(0, day: 20), lastSuccessAt: at(-5)))
        }
    }

    static func block(_ id: String, _ from: Int, _ to: Int, person: String = "i-1", showAs: ShowAs = .busy) -> BusyBlock {
        BusyBlock(
            integrationId: "int-1", instructorId: person, externalId: id, start: at(from), end: at(to), showAs: showAs,
            isAllDay: false)
    }

    static func put(_ store: CalSyncStore, _ blocks: [BusyBlock], person: String = "i-1") async throws {
        try await store.applyBusyChanges(integrationId: "int-1", instructorId: person, upserts: blocks, removals: [])
    }

    static func spans(_ facts: AvailabilityFacts?) -> [String] {
        (facts?.blocks ?? []).map {
            "\(Int($0.start.timeIntervalSince(at(0)) / 60))-\(Int($0.end.timeIntervalSince(at(0)) / 60))"
        }
    }

    @Test(arguments: [true, false]) func readsThePersonTheirBlocksAndAssignments(onFile: Bool) async throws {
        let file = TempDatabaseFile()
        defer { file.remove() }
        let store = try CalSyncStore(path: onFile ? file.path : ":memory:")
        try await Self.seed(store)
        try await Self.put(
            store, [Self.block("a", -60, 30, showAs: .tentative), Self.block("b", 60, 90), Self.block("c", 120, 130)])
        try await store.saveTrainingEvent(
            TrainingEvent(id: "t-1", title: "T", start: at(100), end: at(110), instructorIds: ["i-1"]))
        try await store.saveTrainingEvent(
            TrainingEvent(id: "t-2", title: "T", start: at(500), end: at(600), instructorIds: ["i-1"]))
        try await store.saveTrainingEvent(
            TrainingEvent(
                id: "t-0", title: "T", start: at(0), end: at(10), status: .cancelled,
                instructorIds: ["i-1"]))
        let facts = try #require(try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120)))
        #expect(Self.spans(facts) == ["-60-30", "60-90"])  // c starts at the window end: out
        #expect(facts.blocks.map(\.showAs) == [.tentative, .busy])
        #expect(facts.blocks.allSatisfy { $0.kind == .external && $0.ref == nil })
        #expect(facts.assignments.map(\.eventId) == ["t-0", "t-1"])
        #expect(facts.assignments.first?.status == .cancelled)
        #expect(facts.person.instructor.establishment == "paris")
        #expect(facts.person.integrations.map(\.id) == ["int-1"])
        #expect(facts.person.match(integrationId: "int-1")?.status == .matched)
        #expect(facts.person.syncState(integrationId: "int-1")?.lastSuccessAt == at(-5))
        #expect(try await store.availabilityFacts(instructorId: "nobody", range: range(0, 120)) == nil)
    }

    @Test func manyPeopleKeepTheOrderAskedAndLeaveOutStrangers() async throws {
        let file = TempDatabaseFile()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path, readers: 3)
        let people = (0..<25).map { String(format: "p-%02d", $0) }
        try await Self.seed(store, people: people)
        for (index, id) in people.enumerated() {
            try await Self.put(store, [Self.block("x", index, index + 1, person: id)], person: id)
        }
        let asked = ["p-24", "ghost"] + people.dropLast().reversed()
        let found = try await store.availabilityFacts(instructorIds: asked, range: range(0, 60))
        #expect(found.map(\.person.instructor.id) == ["p-24"] + people.dropLast().reversed())
        #expect(found.first.map(Self.spans) == ["24-25"])
    }

    @Test func aLongBlockFromBeforeTheWindowIsFoundWithTheBoundedQuery() async throws {
        let file = TempDatabaseFile()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path, readers: 1)
        try await Self.seed(store)
        // 30 days, starting 20 days before the window: only the longest-block bound lets the bounded query see it.
        try await Self.put(store, [Self.block("leave", -20 * 1_440, 10 * 1_440, showAs: .oof), Self.block("b", 60, 90)])
        for _ in 0..<3 {  // the first read works the bound out; the next ones use it
            let facts = try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120))
            #expect(Self.spans(facts) == ["-28800-14400", "60-90"])
        }
    }

    @Test func theMemoNeverHidesAWriteOfThisStoreOrOfAnotherConnection() async throws {
        let file = TempDatabaseFile()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path, readers: 1)
        try await Self.seed(store)
        try await Self.put(store, [Self.block("b", 60, 90)])
        #expect(Self.spans(try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120))) == ["60-90"])
        // Again, from the lane's memo.
        #expect(Self.spans(try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120))) == ["60-90"])

        // A longer block than any before, from this store's writer: seen at once.
        try await Self.put(store, [Self.block("long", -3_000, 10)])
        #expect(
            Self.spans(try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120))) == ["-3000-10", "60-90"])

        // Another connection (another process, say) writes: a longer block, an assignment, a changed status.
        let other = try CalSyncStore(path: file.path)
        try await other.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [Self.block("longer", -9_000, 5)],
            removals: ["b"])
        try await other.saveTrainingEvent(
            TrainingEvent(id: "t-9", title: "T", start: at(30), end: at(40), instructorIds: ["i-1"]))
        try await other.setSyncEnabled(instructorId: "i-1", enabled: false)
        let facts = try await store.availabilityFacts(instructorId: "i-1", range: range(0, 120))
        #expect(Self.spans(facts) == ["-9000-5", "-3000-10"])
        #expect(facts?.assignments.map(\.eventId) == ["t-9"])
        #expect(facts?.person.instructor.syncEnabled == false)
        let synced = try await store.personSyncFacts(for: Instructor(id: "i-1", name: "", email: ""))
        #expect(synced.syncStates.count == 1 && synced.matches.count == 1)
    }
}
