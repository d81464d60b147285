import CalSyncCore
import CalSyncStore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncWorker

/// The engine keeps the operations log and the runs to 30 days, pruning after a cycle at most once an hour.
@Suite struct HistoryRetentionTests {
    struct NoProviders: CalendarProviderFactory {
        func provider(for integration: Integration) throws -> any CalendarProvider {
            throw CalendarError(.configuration, message: "no provider in this test")
        }
    }

    @Test func aCyclePrunesWhatIsOlderThanTheRetentionOncePerHour() async throws {
        let database = TemporaryDatabase(prefix: "calsync-retention")
        let store = try database.open()
        let clock = ManualClock()
        let engine = SyncEngine(store: store, providers: NoProviders(), clock: clock, logger: .silent)
        let key = PushKey(integrationId: "int-1", itemKind: .event, itemId: "t-1", instructorId: "i-1")
        func finished(secondsAgo: Double) async throws -> Int64 {
            let at = clock.now().addingTimeInterval(-secondsAgo)
            var record = OperationRecord(key: key, action: .update, status: .success, createdAt: at)
            record.lastAttemptAt = at
            return try await store.appendOperation(record)
        }
        let days = 86_400.0
        let old = try await finished(secondsAgo: 40 * days)
        let nearlyOld = try await finished(secondsAgo: 30 * days - 600)
        let latest = try await finished(secondsAgo: 1 * days)

        _ = try #require(await engine.runCycle())
        let afterFirst = Set(try await store.operations().map(\.id))
        #expect(!afterFirst.contains(old))
        #expect(afterFirst == [nearlyOld, latest])

        // Half an hour on, the second operation is past the retention too, but a pass ran less than an hour ago.
        clock.advance(by: 1_800)
        _ = try #require(await engine.runCycle())
        #expect(Set(try await store.operations().map(\.id)) == [nearlyOld, latest])
        // An hour after the last pass, a cycle prunes it; the latest of its key stays.
        clock.advance(by: 1_801)
        _ = try #require(await engine.runCycle())
        #expect(Set(try await store.operations().map(\.id)) == [latest])
    }
}
