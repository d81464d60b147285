/// Catch-up syncs (a new integration or person, one switched back on): each runs as soon as no cycle does, and the
/// requests that arrive while one waits or runs are merged into the next, so a burst of API writes costs a run or
/// two, not one each.
actor CatchUpQueue {
    private let run: @Sendable (SyncScope) async -> Void
    /// What the next run covers (nil: nothing asked).
    private var pending: SyncScope?
    private var draining = false

    init(run: @escaping @Sendable (SyncScope) async -> Void) { self.run = run }

    /// Asks for a sync of `scope`. The caller that finds the queue idle runs it, and whatever is asked meanwhile,
    /// until nothing is left; the others return at once.
    func request(_ scope: SyncScope) async {
        pending = pending.map { $0.union(scope) } ?? scope
        guard !draining else { return }
        draining = true
        while let next = pending {
            pending = nil
            await run(next)
        }
        draining = false
    }
}
