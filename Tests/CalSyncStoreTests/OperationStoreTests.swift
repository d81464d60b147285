import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct OperationStoreTests {
    @Test func appendReturnsGrowingIdsAndRoundTrips() async throws {
        let store = try makeStore()
        let first = try await store.appendOperation(OperationRecord(key: pushKey("t-1"), action: .create, createdAt: at(0)))
        let second = try await store.appendOperation(
            OperationRecord(key: pushKey("t-1"), action: .update, status: .success, createdAt: at(1)))
        #expect(second > first)
        var record = try #require(try await store.operation(id: first))
        #expect(record == OperationRecord(id: first, key: pushKey("t-1"), action: .create, createdAt: at(0)))
        record.status = .error
        record.attempts = 3
        record.lastAttemptAt = at(2)
        record.externalId = "AAMk"
        record.errorCode = "ErrorAccessDenied"
        record.errorMessage = "Access is denied."
        record.httpStatus = 403
        record.note = "check consent"
        try await store.updateOperation(record)
        #expect(try await store.operation(id: first) == record)
        #expect(try await store.latestOperation(for: pushKey("t-1"))?.id == second)
        #expect(try await store.operation(id: 999) == nil)
        record.id = 999
        await #expect(throws: StoreError.notFound("operation 999")) { try await store.updateOperation(record) }
    }

    @Test func filtersAndPages() async throws {
        let store = try makeStore()
        var ids: [Int64] = []
        for n in 0..<30 {
            let status: OperationRecord.Status = n % 3 == 0 ? .error : .success
            let key = pushKey(
                "t-\(n)", instructorId: n % 2 == 0 ? "i-even" : "i-odd",
                integrationId: n < 15 ? "int-1" : "int-2", kind: n % 5 == 0 ? .absence : .event)
            ids.append(
                try await store.appendOperation(
                    OperationRecord(
                        key: key, action: .create, status: status,
                        createdAt: at(n))))
        }
        #expect(try await store.operations().map(\.id) == ids)
        #expect(try await store.operations(status: .error).count == 10)
        #expect(try await store.operations(instructorId: "i-even").count == 15)
        #expect(try await store.operations(integrationId: "int-2").count == 15)
        let combined = try await store.operations(status: .error, instructorId: "i-even", integrationId: "int-1")
        #expect(combined.map(\.key.itemId) == ["t-0", "t-6", "t-12"])

        var pages: [[Int64]] = []
        var cursor: Int64?
        repeat {
            let page = try await store.operations(afterId: cursor, limit: 7)
            if page.isEmpty { break }
            pages.append(page.map(\.id))
            cursor = page.last?.id
        } while true
        #expect(pages.map(\.count) == [7, 7, 7, 7, 2])
        #expect(pages.flatMap { $0 } == ids)
        let filteredPage = try await store.operations(status: .success, afterId: ids[10], limit: 3)
        #expect(filteredPage.map(\.key.itemId) == ["t-11", "t-13", "t-14"])
    }

    /// A pending operation already tried (and failed) is `retrying`; the filters and the counts keep the two apart.
    @Test func retryingOperationsAreFilteredAndCountedApart() async throws {
        let store = try makeStore()
        let waiting = try await store.appendOperation(OperationRecord(key: pushKey("t-1"), action: .create, createdAt: at(0)))
        let retrying = try await store.appendOperation(
            OperationRecord(
                key: pushKey("t-2"), action: .create, attempts: 4, createdAt: at(1), lastAttemptAt: at(2),
                errorCode: "serviceNotAvailable", httpStatus: 503, notBefore: at(3)))
        let failed = try await store.appendOperation(
            OperationRecord(key: pushKey("t-3"), action: .create, status: .error, attempts: 1, createdAt: at(1)))
        _ = try await store.appendOperation(
            OperationRecord(key: pushKey("t-4"), action: .create, status: .success, attempts: 1, createdAt: at(1)))
        #expect(try await store.operations(state: .retrying).map(\.id) == [retrying])
        #expect(try await store.operations(state: .pending).map(\.id) == [waiting])
        #expect(try await store.operations(state: .error).map(\.id) == [failed])
        #expect(try await store.operations(state: nil).count == 4)
        #expect(try await store.operations(status: .pending).map(\.id) == [waiting, retrying], "the stored status")
        #expect(try await store.operation(id: retrying)?.state == .retrying)
        #expect(try await store.openOperationCounts() == [.pending: 1, .retrying: 1, .error: 1])
        #expect(try await makeStore().openOperationCounts() == [.pending: 0, .retrying: 0, .error: 0])
    }

    @Test func appendManyIsAtomicAndOrdered() async throws {
        let store = try makeStore()
        let records = (0..<5).map { OperationRecord(key: pushKey("t-\($0)"), action: .delete, createdAt: at($0)) }
        let ids = try await store.appendOperations(records)
        #expect(ids.count == 5)
        #expect(try await store.operations().map(\.key.itemId) == records.map(\.key.itemId))
    }
}
