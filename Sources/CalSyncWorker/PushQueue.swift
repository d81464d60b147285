/// Runs outbox drains one at a time. Wake-ups that arrive while a drain waits to start share it,
/// so a burst of API writes costs one extra drain, not one per write.
actor PushQueue {
    private let drainer: OutboxDrainer
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(drainer: OutboxDrainer) { self.drainer = drainer }

    /// Drains the outbox and returns what was done (waits for a drain in progress first).
    func drain() async -> OutboxDrainer.Outcome {
        while busy { await withCheckedContinuation { waiters.append($0) } }
        busy = true
        let outcome = await drainer.drain()
        busy = false
        if !waiters.isEmpty { waiters.removeFirst().resume() }
        return outcome
    }

    /// A fire-and-forget drain, skipped when one is already queued (it will see the new operations).
    func wake() async {
        guard waiters.isEmpty else { return }
        _ = await drain()
    }
}
