import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

/// A push key has at most one open operation (pending or failed): the schema refuses a second one, and queueing a
/// push reuses the one there is.
@Suite struct OutboxStoreTests {
    @Test func theSchemaRefusesASecondOpenOperationOfAKey() async throws {
        let store = try makeStore()
        let key = pushKey("t-1")
        try await store.appendOperation(OperationRecord(key: key, action: .create, status: .success, createdAt: at(0)))
        try await store.appendOperation(OperationRecord(key: key, action: .update, status: .success, createdAt: at(1)))
        let open = try await store.appendOperation(OperationRecord(key: key, action: .update, createdAt: at(2)))
        for status: OperationRecord.Status in [.pending, .error] {
            await #expect(throws: SQLiteError.self) {
                try await store.appendOperation(OperationRecord(key: key, action: .delete, status: status, createdAt: at(3)))
            }
        }
        var failed = try #require(try await store.operation(id: open))
        failed.status = .error
        try await store.updateOperation(failed)
        await #expect(throws: SQLiteError.self) {
            try await store.appendOperation(OperationRecord(key: key, action: .delete, createdAt: at(4)))
        }
        // Other keys are not affected.
        try await store.appendOperation(
            OperationRecord(key: pushKey("t-1", instructorId: "i-2"), action: .create, createdAt: at(5)))
        #expect(try await store.operations().count == 4)
        #expect(try await store.openOperation(for: key)?.id == open)
    }

    @Test func queueingAPushReusesTheKeysOpenOperation() async throws {
        let store = try makeStore()
        let key = pushKey("t-1")
        let created = try #require(try await store.queueOperation(key, action: .create, now: at(0)))
        #expect(created.status == .pending && created.action == .create)
        #expect(try await store.queueOperation(key, action: .update, now: at(1)) == nil, "one is waiting already")

        // A delete makes the waiting operation a delete (an explicit delete is honoured, never queued twice).
        let deleting = try #require(try await store.queueOperation(key, action: .delete, now: at(2), externalId: "AAMk"))
        #expect(deleting.id == created.id && deleting.action == .delete && deleting.externalId == "AAMk")
        #expect(try await store.queueOperation(key, action: .delete, now: at(3)) == nil)

        var failed = deleting
        failed.status = .error
        failed.attempts = 2
        failed.errorCode = "ErrorItemNotFound"
        failed.notBefore = at(9)
        try await store.updateOperation(failed)
        #expect(try await store.queueOperation(key, action: .create, now: at(4), failed: .leave) == nil)
        #expect(try await store.operation(id: created.id)?.status == .error)
        let retried = try #require(try await store.queueOperation(key, action: .create, now: at(5), note: "again"))
        #expect(retried.id == created.id, "the same line of the log")
        #expect(retried.status == .pending && retried.action == .create && retried.notBefore == nil)
        #expect(retried.attempts == 2 && retried.note == "again")

        var done = retried
        done.status = .success
        try await store.updateOperation(done)
        let next = try #require(try await store.queueOperation(key, action: .update, now: at(6)))
        #expect(next.id > created.id, "a closed operation stays as it was; a new push is a new line")
        #expect(try await store.operations().map(\.id) == [created.id, next.id])
    }

    /// A database written before the rule may hold several open operations of a key: the newest stays open, the
    /// older ones are closed as processed, saying by which.
    @Test func upgradingClosesAllButTheNewestOpenOperationOfAKey() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        do {
            let db = try SQLiteDatabase(path: file.path)
            let before = CalSyncSchema.migrator.migrations.prefix { $0.name != "011-one-open-operation-per-key" }
            try Migrator(Array(before)).migrate(db)
            let rows: [(String, String, String, String?)] = [
                ("t-1", "i-1", "error", "retried by an admin after 3 attempts"), ("t-1", "i-1", "error", nil),
                ("t-1", "i-1", "success", nil), ("t-1", "i-1", "pending", nil), ("t-1", "i-2", "error", nil),
                ("t-2", "i-1", "pending", nil), ("t-2", "i-1", "pending", nil),
            ]
            for (item, person, status, note) in rows {
                try db.run(
                    """
                    INSERT INTO operations (integration_id, item_kind, item_id, instructor_id, action, status, created_at_ms, note)
                    VALUES ('int-1', 'event', ?, ?, 'create', ?, 0, ?)
                    """, item, person, status, note)
            }
        }
        let store = try CalSyncStore(path: file.path)
        let operations = try await store.operations()
        #expect(operations.map(\.status) == [.processed, .processed, .success, .pending, .error, .processed, .pending])
        #expect(
            operations.map(\.note) == [
                "retried by an admin after 3 attempts; superseded by operation 4", "superseded by operation 4", nil, nil, nil,
                "superseded by operation 7", nil,
            ])
        await #expect(throws: SQLiteError.self) {
            try await store.appendOperation(OperationRecord(key: pushKey("t-2"), action: .delete, createdAt: at(0)))
        }
    }
}
