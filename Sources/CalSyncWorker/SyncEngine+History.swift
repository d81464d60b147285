import CalSyncStore
import Foundation

extension SyncEngine {
    /// How long finished operations and sync runs are kept (see `CalSyncStore.pruneHistory(before:)`).
    public static let historyRetention: TimeInterval = 30 * 86_400
    /// At most one pruning pass per this many seconds: after a cycle, once an hour.
    static let historyPruneInterval: TimeInterval = 3_600

    /// After a cycle, at most once an hour: removes finished operations and runs older than `historyRetention`, so the
    /// database stops growing in steady state. A failure is logged and tried again after the next cycle.
    func pruneHistoryIfDue() async {
        let now = clock.now()
        if let last = historyPrunedAt, now.timeIntervalSince(last) < Self.historyPruneInterval { return }
        do {
            let pruning = try await store.pruneHistory(before: now.addingTimeInterval(-Self.historyRetention))
            historyPrunedAt = now
            if pruning != HistoryPruning() {
                logger.info(
                    "pruned history", ["operations": "\(pruning.operations)", "runs": "\(pruning.runs)", "olderThanDays": "30"])
            }
        } catch {
            logger.warning("pruning history failed", ["error": "\(error)"])
        }
    }
}
