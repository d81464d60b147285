import Foundation
import Testing

@testable import CalSyncStore

@Suite struct SyncRunStoreTests {
    @Test func recordsUpdatesAndReturnsTheLastRun() async throws {
        let store = try makeStore()
        #expect(try await store.lastSyncRun() == nil)
        let first = try await store.recordSyncRun(SyncRunRecord(startedAt: at(0)))
        var run = SyncRunRecord(id: 0, startedAt: at(5))
        run.id = try await store.recordSyncRun(run)
        #expect(run.id > first)
        #expect(try await store.lastSyncRun() == run)
        run.finishedAt = at(6)
        run.instructors = 1_000
        run.pulled = 42
        run.pushed = 7
        run.errors = 1
        try await store.updateSyncRun(run)
        #expect(try await store.lastSyncRun() == run)
        #expect(try await store.syncRun(id: first)?.finishedAt == nil)
        run.id = 404
        await #expect(throws: StoreError.notFound("sync run 404")) { try await store.updateSyncRun(run) }
    }
}
