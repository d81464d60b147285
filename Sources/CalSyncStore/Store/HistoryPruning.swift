/// What one pass of `CalSyncStore.pruneHistory(before:)` removed.
public struct HistoryPruning: Sendable, Equatable {
    /// Finished operations (succeeded or dismissed) older than the cutoff, each superseded by a later one of its key.
    public var operations: Int
    /// Sync runs older than the cutoff (the latest run always stays).
    public var runs: Int

    public init(operations: Int = 0, runs: Int = 0) {
        self.operations = operations
        self.runs = runs
    }
}
