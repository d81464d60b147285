import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

/// Retention: old finished operations and runs go, so the file stops growing; what the engine or an admin still
/// needs stays.
@Suite struct HistoryPruningTests {
    @Test func oldFinishedOperationsGoButTheLatestOfEachKeyAndEveryOpenOrFailedOneStay() async throws {
        let store = try makeStore()
        func append(_ item: String, _ status: OperationRecord.Status, day: Int, attempts: Int = 1) async throws -> Int64 {
            var record = OperationRecord(key: pushKey(item), action: .update, status: status, createdAt: at(0, day: day))
            record.attempts = attempts
            record.lastAttemptAt = status == .pending ? nil : at(1, day: day)
            return try await store.appendOperation(record)
        }
        let oldSuperseded = try await append("t-1", .success, day: 1)
        let oldDismissed = try await append("t-1", .processed, day: 2)
        let latestOfT1 = try await append("t-1", .success, day: 3)
        let onlyOfT2 = try await append("t-2", .success, day: 1)
        let oldError = try await append("t-3", .error, day: 1)
        let laterOfT3 = try await append("t-3", .success, day: 3)
        let oldPending = try await append("t-4", .pending, day: 1, attempts: 0)
        let recent = try await append("t-5", .success, day: 20)
        let latestOfT5 = try await append("t-5", .success, day: 21)

        let pruning = try await store.pruneHistory(before: at(0, day: 10))

        #expect(pruning.operations == 2)
        let left = Set(try await store.operations().map(\.id))
        #expect(!left.contains(oldSuperseded) && !left.contains(oldDismissed))
        #expect(left == [latestOfT1, onlyOfT2, oldError, laterOfT3, oldPending, recent, latestOfT5])
        #expect(try await store.latestOperation(for: pushKey("t-1"))?.id == latestOfT1)
        // A second pass finds nothing more.
        #expect(try await store.pruneHistory(before: at(0, day: 10)) == HistoryPruning())
    }

    @Test func oldRunsGoButTheLatestStays() async throws {
        let store = try makeStore()
        for day in 1...5 { try await store.recordSyncRun(SyncRunRecord(startedAt: at(0, day: day))) }
        let pruning = try await store.pruneHistory(before: at(0, day: 4))
        #expect(pruning.runs == 3)
        #expect(try await store.lastSyncRun()?.startedAt == at(0, day: 5))
        // Everything is older than the cutoff: the latest run still stays (the status page reads it).
        #expect(try await store.pruneHistory(before: at(0, day: 30)).runs == 1)
        #expect(try await store.lastSyncRun()?.startedAt == at(0, day: 5))
    }

    @Test func aLargeBacklogIsRemovedInSeveralTransactions() async throws {
        let store = try makeStore()
        let count = CalSyncStore.pruneBatch * 2 + 10
        _ = try await store.appendOperations(
            (0..<count).map { _ in
                OperationRecord(key: pushKey("t-1"), action: .update, status: .success, createdAt: at(0, day: 1))
            })
        let pruning = try await store.pruneHistory(before: at(0, day: 10))
        #expect(pruning.operations == count - 1)
        #expect(try await store.operations().count == 1)
    }
}
