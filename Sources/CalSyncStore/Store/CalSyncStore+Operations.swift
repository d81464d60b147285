import CalSyncCore
import Foundation

// MARK: - Operations log

extension CalSyncStore {
    static let operationColumns = """
        id, integration_id, item_kind, item_id, instructor_id, action, status, attempts, created_at_ms, \
        last_attempt_at_ms, external_id, error_code, error_message, http_status, note, not_before_ms
        """

    /// Appends an operation (its `id` is ignored) and returns the id it was given. Ids only grow.
    @discardableResult
    public func appendOperation(_ operation: OperationRecord) throws -> Int64 {
        let o = operation
        try db.run(
            """
            INSERT INTO operations (integration_id, item_kind, item_id, instructor_id, action, status, attempts,
                created_at_ms, last_attempt_at_ms, external_id, error_code, error_message, http_status, note, not_before_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            o.key.integrationId, o.key.itemKind.rawValue, o.key.itemId, o.key.instructorId, o.action.rawValue,
            o.status.rawValue, o.attempts, o.createdAt.millisecondsSince1970, o.lastAttemptAt?.millisecondsSince1970,
            o.externalId, o.errorCode, o.errorMessage, o.httpStatus, o.note, o.notBefore?.millisecondsSince1970)
        return db.lastInsertRowID
    }

    /// Appends several operations in one transaction; returns their ids, in order.
    @discardableResult
    public func appendOperations(_ operations: [OperationRecord]) throws -> [Int64] {
        try db.transaction(.immediate) { try operations.map { try appendOperation($0) } }
    }

    /// Overwrites the operation with `operation.id`. Throws `StoreError.notFound` for an unknown id.
    public func updateOperation(_ operation: OperationRecord) throws {
        let o = operation
        try db.run(
            """
            UPDATE operations SET integration_id = ?, item_kind = ?, item_id = ?, instructor_id = ?, action = ?,
                status = ?, attempts = ?, created_at_ms = ?, last_attempt_at_ms = ?, external_id = ?, error_code = ?,
                error_message = ?, http_status = ?, note = ?, not_before_ms = ?
            WHERE id = ?
            """,
            o.key.integrationId, o.key.itemKind.rawValue, o.key.itemId, o.key.instructorId, o.action.rawValue,
            o.status.rawValue, o.attempts, o.createdAt.millisecondsSince1970, o.lastAttemptAt?.millisecondsSince1970,
            o.externalId, o.errorCode, o.errorMessage, o.httpStatus, o.note, o.notBefore?.millisecondsSince1970, o.id)
        if db.changes == 0 { throw StoreError.notFound("operation \(o.id)") }
    }

    public func operation(id: Int64) throws -> OperationRecord? {
        try db.fetchOne("SELECT \(Self.operationColumns) FROM operations WHERE id = ?", id) {
            try Self.operation(from: $0)
        }
    }

    /// Operations matching every given filter, by id ascending (or descending: `newestFirst`); `afterId` pages
    /// forwards, `beforeId` backwards (pass the last id seen); `createdFrom` ..< `createdBefore` bounds the creation
    /// time. `retrying` narrows pending ones to those already tried (true) or never tried yet (false); see
    /// `OperationState`. `limit` is clamped to 1...10,000.
    public func operations(
        status: OperationRecord.Status? = nil, retrying: Bool? = nil, instructorId: String? = nil,
        integrationId: String? = nil, afterId: Int64? = nil, limit: Int = 100, beforeId: Int64? = nil,
        createdFrom: Date? = nil, createdBefore: Date? = nil, newestFirst: Bool = false
    ) throws -> [OperationRecord] {
        var conditions: [String] = []
        var arguments: [any SQLiteBindable] = []
        if let status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let retrying {
            conditions.append(retrying ? "status = 'pending' AND attempts > 0" : "NOT (status = 'pending' AND attempts > 0)")
        }
        if let instructorId {
            conditions.append("instructor_id = ?")
            arguments.append(instructorId)
        }
        if let integrationId {
            conditions.append("integration_id = ?")
            arguments.append(integrationId)
        }
        if let afterId {
            conditions.append("id > ?")
            arguments.append(afterId)
        }
        for (condition, value) in [
            ("id < ?", beforeId), ("created_at_ms >= ?", createdFrom?.millisecondsSince1970),
            ("created_at_ms < ?", createdBefore?.millisecondsSince1970),
        ] {
            guard let value else { continue }
            conditions.append(condition)
            arguments.append(value)
        }
        arguments.append(min(max(limit, 1), 10_000))
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try db.fetchAll(
            "SELECT \(Self.operationColumns) FROM operations \(filter) ORDER BY id \(newestFirst ? "DESC" : "ASC") LIMIT ?",
            arguments: arguments
        ) { try Self.operation(from: $0) }
    }

    /// Operations in `state` (nil: any) matching the other filters, as `operations(status:retrying:…)` finds them:
    /// `pending` are the pending ones never tried yet, `retrying` the pending ones already tried.
    public func operations(
        state: OperationState?, instructorId: String? = nil, integrationId: String? = nil, afterId: Int64? = nil,
        limit: Int = 100, beforeId: Int64? = nil, createdFrom: Date? = nil, createdBefore: Date? = nil,
        newestFirst: Bool = false
    ) throws -> [OperationRecord] {
        try operations(
            status: state?.storedStatus, retrying: state.flatMap { $0.storedStatus == .pending ? $0 == .retrying : nil },
            instructorId: instructorId, integrationId: integrationId, afterId: afterId, limit: limit, beforeId: beforeId,
            createdFrom: createdFrom, createdBefore: createdBefore, newestFirst: newestFirst)
    }

    /// Pending operations due at `now` (no `notBefore`, or one that has passed), by id; and when the
    /// next not-yet-due one becomes due.
    public func dueOperations(now: Date, limit: Int = 1_000) throws -> (due: [OperationRecord], nextDueAt: Date?) {
        let due = try db.fetchAll(
            """
            SELECT \(Self.operationColumns) FROM operations
            WHERE status = 'pending' AND (not_before_ms IS NULL OR not_before_ms <= ?) ORDER BY id LIMIT ?
            """, arguments: [now.millisecondsSince1970, min(max(limit, 1), 10_000)]
        ) { try Self.operation(from: $0) }
        let next =
            try db.fetchOne(
                "SELECT MIN(not_before_ms) FROM operations WHERE status = 'pending' AND not_before_ms > ?",
                now.millisecondsSince1970
            ) { $0.optionalDate(at: 0) } ?? nil
        return (due, next)
    }

    /// How many operations wait in the outbox.
    public func pendingOperationCount() throws -> Int {
        try db.fetchOne("SELECT COUNT(*) FROM operations WHERE status = 'pending'") { $0.int(at: 0) } ?? 0
    }

    /// How many operations wait or failed, by state: `pending` (never tried yet), `retrying` and `error` (every state
    /// present, 0 when none). Each count is read through an index on the status: the log's successes are not scanned.
    public func openOperationCounts() throws -> [OperationState: Int] {
        let pendingSQL = "SELECT COUNT(*), COALESCE(SUM(attempts > 0), 0) FROM operations WHERE status = 'pending'"
        let pending = try db.fetchOne(pendingSQL) { ($0.int(at: 0), $0.int(at: 1)) } ?? (0, 0)
        let errorSQL = "SELECT COUNT(*) FROM operations WHERE status = 'error'"
        let errors = try db.fetchOne(errorSQL) { $0.int(at: 0) } ?? 0
        return [.pending: pending.0 - pending.1, .retrying: pending.1, .error: errors]
    }

    /// The newest operation of one push key, or nil (the "sync" state of an item × person).
    public func latestOperation(for key: PushKey) throws -> OperationRecord? {
        try db.fetchOne(
            """
            SELECT \(Self.operationColumns) FROM operations
            WHERE integration_id = ? AND item_kind = ? AND item_id = ? AND instructor_id = ?
            ORDER BY id DESC LIMIT 1
            """,
            key.integrationId, key.itemKind.rawValue, key.itemId, key.instructorId
        ) { try Self.operation(from: $0) }
    }

    static func operation(from row: Statement) throws -> OperationRecord {
        let key = PushKey(
            integrationId: row.string(at: 1),
            itemKind: try row.enumValue(ItemKind.self, at: 2),
            itemId: row.string(at: 3),
            instructorId: row.string(at: 4))
        return OperationRecord(
            id: row.int64(at: 0),
            key: key,
            action: try row.enumValue(OperationRecord.Action.self, at: 5),
            status: try row.enumValue(OperationRecord.Status.self, at: 6),
            attempts: row.int(at: 7),
            createdAt: row.date(at: 8),
            lastAttemptAt: row.optionalDate(at: 9),
            externalId: row.optionalString(at: 10),
            errorCode: row.optionalString(at: 11),
            errorMessage: row.optionalString(at: 12),
            httpStatus: row.optionalInt(at: 13),
            note: row.optionalString(at: 14),
            notBefore: row.optionalDate(at: 15))
    }
}
