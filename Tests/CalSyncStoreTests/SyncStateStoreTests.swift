import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct SyncStateStoreTests {
    func state(link: String?, success: Date? = nil) -> SyncState {
        SyncState(
            integrationId: "int-1", instructorId: "i-1", calendarId: "u-1", cursor: link.map(SyncCursor.init),
            windowStart: at(0), windowEnd: at(0, day: 30), lastSuccessAt: success)
    }

    @Test func roundTripsEveryField() async throws {
        let store = try await seededStore()
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1") == nil)
        let full = SyncState(
            integrationId: "int-1", instructorId: "i-1", calendarId: "u-1",
            cursor: SyncCursor("https://graph/delta?$deltatoken=abc"), windowStart: at(0),
            windowEnd: at(0, day: 30), lastSuccessAt: at(5), lastErrorAt: at(6),
            lastErrorCode: "syncStateNotFound", lastErrorMessage: "the delta link expired", lastErrorHTTPStatus: 410)
        try await store.saveSyncState(full)
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1") == full)
        try await store.saveSyncState(state(link: nil))
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1") == state(link: nil))
        #expect(try await store.syncStates(integrationId: "int-1").count == 1)
    }

    @Test func completedRelistPrunesBlocksNotSeen() async throws {
        let store = try await seededStore()
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1",
            upserts: [
                block("a", 0, 60), block("b", 60, 120), block("c", 120, 180),
                block("d", 180, 240),
            ], removals: [])
        let pruned = try await store.completeRound(
            state(link: "L2", success: at(10)), upserts: [block("e", 300, 360)], removals: ["d"], keeping: ["a"])
        #expect(pruned == 2)  // b and c; d was removed as a change, e is this page's upsert
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["a", "e"])
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1")?.cursor?.value == "L2")
    }

    @Test func incrementalRoundPrunesNothing() async throws {
        let store = try await seededStore()
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1",
            upserts: [block("a", 0, 60), block("b", 60, 120)], removals: [])
        let pruned = try await store.completeRound(state(link: "L3"), upserts: [], removals: ["a"], keeping: nil)
        #expect(pruned == 0)
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["b"])
    }

    @Test func pruningIsScopedToThePersonAndIntegration() async throws {
        let store = try await seededStore(instructors: ["i-1", "i-2"], integrations: ["int-1", "int-2"])
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-2",
            upserts: [block("x", 0, 60, instructorId: "i-2")], removals: [])
        try await store.applyBusyChanges(
            integrationId: "int-2", instructorId: "i-1",
            upserts: [block("y", 0, 60, integrationId: "int-2")], removals: [])
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [block("z", 0, 60)],
            removals: [])
        #expect(try await store.completeRound(state(link: "L"), upserts: [], removals: [], keeping: []) == 1)
        #expect(try await store.busyBlocks(instructorId: "i-2").count == 1)
        #expect(try await store.busyBlocks(instructorId: "i-1").map(\.externalId) == ["y"])
    }

    @Test func aFailingRoundChangesNothing() async throws {
        let store = try await seededStore()
        try await store.saveSyncState(state(link: "old"))
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [block("a", 0, 60)],
            removals: [])
        await #expect(throws: StoreError.self) {
            try await store.completeRound(
                state(link: "new"), upserts: [block("s", 0, 1, instructorId: "i-9")],
                removals: ["a"], keeping: [])
        }
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["a"])
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1")?.cursor?.value == "old")
    }
}
