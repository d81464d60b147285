import CalSyncCore
import Foundation

// MARK: - Queueing pushes: one open operation per push key

extension CalSyncStore {
    /// What a failed operation of the key becomes when a push of it is queued.
    public enum FailedOperationRule: Sendable {
        /// It is pending again, on the same row (the backstop, a changed item, an explicit delete).
        case retry
        /// It stays failed; nothing is queued (a re-plan that did not change the item has no reason to retry it).
        case leave
    }

    /// The key's open operation, if any: the one pending or failed. The schema allows one per key
    /// (`operations_one_open_per_key`), so a key that keeps failing is one line of the log.
    public func openOperation(for key: PushKey) throws -> OperationRecord? {
        try db.fetchOne(
            """
            SELECT \(Self.operationColumns) FROM operations
            WHERE integration_id = ? AND item_kind = ? AND item_id = ? AND instructor_id = ?
                AND status IN ('pending', 'error')
            """,
            key.integrationId, key.itemKind.rawValue, key.itemId, key.instructorId
        ) { try Self.operation(from: $0) }
    }

    /// Queues a push of `key`, in one transaction, on the key's open operation when it has one:
    /// - one pending already carries it (the pusher plans the key again when it runs it), and is left as it is,
    ///   except that a delete makes it a delete (so an explicit delete — a person's `removeEvents`, a purge — is
    ///   honoured even if the key's create was queued first);
    /// - a failed one is pending again with this action (`failed: .retry`), or left failed (`.leave`);
    /// - otherwise a new pending operation is appended.
    ///
    /// Returns the operation written, or nil when nothing changed.
    @discardableResult
    public func queueOperation(
        _ key: PushKey, action: OperationRecord.Action, now: Date, note: String? = nil, externalId: String? = nil,
        failed rule: FailedOperationRule = .retry
    ) throws -> OperationRecord? {
        try db.transaction(.immediate) {
            guard var open = try openOperation(for: key) else {
                var record = OperationRecord(
                    key: key, action: action, status: .pending, createdAt: now, externalId: externalId, note: note)
                record.id = try appendOperation(record)
                return record
            }
            switch open.status {
            case .pending:
                guard action == .delete, open.action != .delete else { return nil }
                open.action = .delete
            case .error:
                guard rule == .retry else { return nil }
                open.status = .pending
                open.action = action
                open.notBefore = nil
            case .success, .processed:
                return nil  // never: not open
            }
            open.note = note ?? open.note
            open.externalId = externalId ?? open.externalId
            try updateOperation(open)
            return open
        }
    }
}
