import Foundation

/// Runs outbox drains one at a time. Wake-ups that arrive while a drain waits to start share it,
/// so a burst of API writes costs one extra drain, not one per write.
actor PushQueue {
    private let drainer: OutboxDrainer
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// A wake-up scheduled for the next operation that waits (Retry-After, backoff).
    private var timer: (due: Date, task: Task<Void, Never>)?

    init(drainer: OutboxDrainer) { self.drainer = drainer }

    /// Drains the outbox and returns what was done (waits for a drain in progress first).
    func drain() async -> OutboxDrainer.Outcome {
        while busy { await withCheckedContinuation { waiters.append($0) } }
        busy = true
        let outcome = await drainer.drain()
        busy = false
        if !waiters.isEmpty { waiters.removeFirst().resume() }
        if let due = outcome.nextDueAt { schedule(at: due) }
        return outcome
    }

    /// Wakes the queue when the earliest waiting operation becomes due.
    private func schedule(at due: Date) {
        if let timer, timer.due <= due { return }
        timer?.task.cancel()
        let delay = max(0, due.timeIntervalSinceNow) + 0.005
        timer = (
            due,
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(delay))
                guard !Task.isCancelled, let self else { return }
                await self.timerFired()
            }
        )
    }

    private func timerFired() async {
        timer = nil
        await wake()
    }

    /// Stops a scheduled wake-up (shutdown).
    func cancelTimer() {
        timer?.task.cancel()
        timer = nil
    }

    /// A fire-and-forget drain, skipped when one is already queued (it will see the new operations).
    func wake() async {
        guard waiters.isEmpty else { return }
        _ = await drain()
    }
}
