import CalSyncCore
import Foundation

// MARK: - Operations log: recent history per integration, dismissing what can no longer run

extension CalSyncStore {
    /// The newest operations of one integration with one of `statuses`, newest first: by last attempt (creation
    /// for operations never attempted), then by id. `attemptedOnly` leaves out those never tried (pending ones
    /// waiting for their first try). `limit` is clamped to 1...10,000. For `GET /v1/sync/status`: the last error and
    /// the diagnosis of recent outcomes.
    public func latestOperations(
        integrationId: String, statuses: Set<OperationRecord.Status>, attemptedOnly: Bool = false, limit: Int
    ) throws -> [OperationRecord] {
        guard !statuses.isEmpty else { return [] }
        let sortedStatuses = statuses.map(\.rawValue).sorted()
        let placeholders = Array(repeating: "?", count: sortedStatuses.count).joined(separator: ", ")
        var arguments: [any SQLiteBindable] = [integrationId]
        arguments += sortedStatuses.map { $0 as any SQLiteBindable }
        arguments.append(min(max(limit, 1), 10_000))
        return try db.fetchAll(
            """
            SELECT \(Self.operationColumns) FROM operations
            WHERE integration_id = ? AND status IN (\(placeholders))\(attemptedOnly ? " AND attempts > 0" : "")
            ORDER BY coalesce(last_attempt_at_ms, created_at_ms) DESC, id DESC LIMIT ?
            """,
            arguments: arguments
        ) { try Self.operation(from: $0) }
    }

    /// Marks every pending operation of one integration `processed` with `note` (the integration is being
    /// removed, so they can never run); returns how many. The log keeps them.
    @discardableResult
    public func dismissPendingOperations(integrationId: String, note: String) throws -> Int {
        try db.run(
            "UPDATE operations SET status = 'processed', note = ? WHERE integration_id = ? AND status = 'pending'",
            note, integrationId)
        return db.changes
    }
}
