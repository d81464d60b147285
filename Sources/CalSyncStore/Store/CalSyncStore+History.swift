import Foundation

// MARK: - History retention

extension CalSyncStore {
    /// Rows removed per write transaction, so a pass never holds the writer for long.
    static let pruneBatch = 2_000

    /// Removes the history that has served its purpose, so the file stops growing in steady state (SQLite reuses the
    /// freed pages):
    /// - operations that succeeded or were dismissed (`processed`), last touched before `cutoff`, unless they are
    ///   the latest operation of their key (integration, item, person): what the engine last did for an item stays;
    ///   operations in error or still to run are never removed;
    /// - sync runs started before `cutoff`, except the latest.
    public func pruneHistory(before cutoff: Date) throws -> HistoryPruning {
        let cutoffMs = cutoff.millisecondsSince1970
        var pruning = HistoryPruning()
        while true {
            try db.run(
                """
                DELETE FROM operations WHERE id IN (
                    SELECT o.id FROM operations o
                    WHERE o.status IN ('success', 'processed')
                      AND COALESCE(o.last_attempt_at_ms, o.created_at_ms) < ?
                      AND EXISTS (
                        SELECT 1 FROM operations later
                        WHERE later.integration_id = o.integration_id AND later.item_kind = o.item_kind
                          AND later.item_id = o.item_id AND later.instructor_id = o.instructor_id AND later.id > o.id)
                    LIMIT ?)
                """, cutoffMs, Self.pruneBatch)
            let removed = db.changes
            pruning.operations += removed
            if removed < Self.pruneBatch { break }
        }
        try db.run(
            "DELETE FROM sync_runs WHERE started_at_ms < ? AND id < (SELECT MAX(id) FROM sync_runs)", cutoffMs)
        pruning.runs = db.changes
        return pruning
    }
}
