import CalSyncGraph
import CalSyncProviderKit
import CalSyncTesting
import Foundation

/// A `Sleeper` that records every requested wait. By default it returns at once and moves the
/// mock clock to the end of the wait; with `hold` it suspends each sleeper until `releaseAll()`.
final class TestSleeper: Sleeper, @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var recorded: [Double] = []
    private var parked: [(until: Date, continuation: CheckedContinuation<Void, Never>)] = []
    private var holding: Bool
    let clock: ManualClock?

    init(clock: ManualClock?, hold: Bool = false) {
        self.clock = clock
        self.holding = hold
    }

    /// Every requested wait, in seconds, in order.
    var sleeps: [Double] { lock.withLock { recorded } }
    /// Sleepers currently suspended (hold mode).
    var parkedCount: Int { lock.withLock { parked.count } }

    func sleep(seconds: Double) async throws {
        let until = (clock?.now() ?? Date()).addingTimeInterval(max(0, seconds))
        let hold = lock.withLock {
            recorded.append(seconds)
            return holding
        }
        guard hold else {
            clock?.advance(to: until)
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.withLock { parked.append((until, continuation)) }
        }
    }

    /// Ends every suspended sleep (the clock moves to the latest end) and stops holding.
    func releaseAll() {
        let released = lock.withLock {
            holding = false
            defer { parked.removeAll() }
            return parked
        }
        if let latest = released.map(\.until).max() { clock?.advance(to: latest) }
        for sleeper in released { sleeper.continuation.resume() }
    }
}
