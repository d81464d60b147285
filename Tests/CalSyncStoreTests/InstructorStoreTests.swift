import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct InstructorStoreTests {
    @Test func roundTripsAndReportsCreation() async throws {
        let store = try makeStore()
        var person = sampleInstructor()
        #expect(try await store.saveInstructor(person))
        #expect(try await store.instructor(id: "i-1") == person)
        person.name = "Renamed"
        person.establishment = nil
        person.timeZone = nil
        person.syncEnabled = false
        #expect(try await store.saveInstructor(person) == false)
        #expect(try await store.instructor(id: "i-1") == person)
        #expect(try await store.instructor(id: "unknown") == nil)
    }

    @Test func listsById() async throws {
        let store = try await seededStore(instructors: ["i-3", "i-1", "i-2"])
        #expect(try await store.instructors().map(\.id) == ["i-1", "i-2", "i-3"])
    }

    @Test func setSyncEnabledTogglesOrThrowsNotFound() async throws {
        let store = try await seededStore()
        try await store.setSyncEnabled(instructorId: "i-1", enabled: false)
        #expect(try await store.instructor(id: "i-1")?.syncEnabled == false)
        try await store.setSyncEnabled(instructorId: "i-1", enabled: false)
        try await store.setSyncEnabled(instructorId: "i-1", enabled: true)
        #expect(try await store.instructor(id: "i-1")?.syncEnabled == true)
        await #expect(throws: StoreError.notFound("instructor ghost")) {
            try await store.setSyncEnabled(instructorId: "ghost", enabled: true)
        }
    }

    @Test func deleteRemovesPersonAndTheirStateButKeepsMappings() async throws {
        let store = try await seededStore(instructors: ["i-1", "i-2"])
        for person in ["i-1", "i-2"] {
            try await store.saveMatch(InstructorMatch(instructorId: person, integrationId: "int-1", status: .matched))
            try await store.applyBusyChanges(
                integrationId: "int-1", instructorId: person,
                upserts: [block("e-\(person)", 0, 60, instructorId: person)], removals: [])
            try await store.saveSyncState(
                SyncState(
                    integrationId: "int-1", instructorId: person, calendarId: "u",
                    cursor: nil, windowStart: at(0), windowEnd: at(60)))
            try await store.saveMapping(
                EventMapping(
                    key: pushKey("t-1", instructorId: person), calendarId: "u",
                    externalId: "x-\(person)", idempotencyKey: "tx", generation: 0,
                    fingerprint: "f", updatedAt: at(0)))
        }
        try await store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "T", start: at(0), end: at(60),
                instructorIds: ["i-2", "i-1"]))
        try await store.deleteInstructor(id: "i-1")

        #expect(try await store.instructor(id: "i-1") == nil)
        #expect(try await store.match(instructorId: "i-1", integrationId: "int-1") == nil)
        #expect(try await store.busyBlocks(instructorId: "i-1").isEmpty)
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1") == nil)
        #expect(try await store.trainingEvent(id: "t-1")?.instructorIds == ["i-2"])
        #expect(try await store.mapping(for: pushKey("t-1", instructorId: "i-1"))?.externalId == "x-i-1")
        #expect(try await store.mappings(instructorId: "i-1").count == 1)
        // The other person is untouched.
        #expect(try await store.match(instructorId: "i-2", integrationId: "int-1") != nil)
        #expect(try await store.busyBlocks(instructorId: "i-2").count == 1)
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-2") != nil)
    }
}
