import CalSyncCore
import Foundation

// MARK: - Sync runs

extension CalSyncStore {
    static let syncRunColumns = "id, started_at_ms, finished_at_ms, instructors, pulled, pushed, errors"

    /// Records a run (its `id` is ignored) and returns the id it was given. Ids only grow.
    @discardableResult
    public func recordSyncRun(_ run: SyncRunRecord) throws -> Int64 {
        try db.run(
            "INSERT INTO sync_runs (started_at_ms, finished_at_ms, instructors, pulled, pushed, errors) VALUES (?, ?, ?, ?, ?, ?)",
            run.startedAt.millisecondsSince1970, run.finishedAt?.millisecondsSince1970, run.instructors, run.pulled,
            run.pushed, run.errors)
        return db.lastInsertRowID
    }

    /// Overwrites the run with `run.id`. Throws `StoreError.notFound` for an unknown id.
    public func updateSyncRun(_ run: SyncRunRecord) throws {
        try db.run(
            """
            UPDATE sync_runs SET started_at_ms = ?, finished_at_ms = ?, instructors = ?, pulled = ?, pushed = ?,
                errors = ?
            WHERE id = ?
            """,
            run.startedAt.millisecondsSince1970, run.finishedAt?.millisecondsSince1970, run.instructors, run.pulled,
            run.pushed, run.errors, run.id)
        if db.changes == 0 { throw StoreError.notFound("sync run \(run.id)") }
    }

    /// The most recently recorded run (finished or not), or nil before the first.
    public func lastSyncRun() throws -> SyncRunRecord? {
        try db.fetchOne("SELECT \(Self.syncRunColumns) FROM sync_runs ORDER BY id DESC LIMIT 1") {
            Self.syncRun(from: $0)
        }
    }

    public func syncRun(id: Int64) throws -> SyncRunRecord? {
        try db.fetchOne("SELECT \(Self.syncRunColumns) FROM sync_runs WHERE id = ?", id) { Self.syncRun(from: $0) }
    }

    static func syncRun(from row: Statement) -> SyncRunRecord {
        SyncRunRecord(
            id: row.int64(at: 0),
            startedAt: row.date(at: 1),
            finishedAt: row.optionalDate(at: 2),
            instructors: row.int(at: 3),
            pulled: row.int(at: 4),
            pushed: row.int(at: 5),
            errors: row.int(at: 6))
    }
}
