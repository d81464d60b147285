import CalSyncGraph
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import Synchronization

/// A `Sleeper` that records every requested wait. By default it returns at once and moves the
/// mock clock to the end of the wait; with `hold` it suspends each sleeper until `releaseAll()`.
final class TestSleeper: Sleeper, Sendable {
    private struct State {
        var recorded: [Double] = []
        var parked: [(until: Date, continuation: CheckedContinuation<Void, Never>)] = []
        var holding: Bool
    }

    private let state: Mutex<State>
    let clock: ManualClock?

    init(clock: ManualClock?, hold: Bool = false) {
        self.clock = clock
        self.state = Mutex(State(holding: hold))
    }

    /// Every requested wait, in seconds, in order.
    var sleeps: [Double] { state.withLock { $0.recorded } }
    /// Sleepers currently suspended (hold mode).
    var parkedCount: Int { state.withLock { $0.parked.count } }

    func sleep(seconds: Double) async throws {
        let until = (clock?.now() ?? Date()).addingTimeInterval(max(0, seconds))
        let hold = state.withLock { state in
            state.recorded.append(seconds)
            return state.holding
        }
        guard hold else {
            clock?.advance(to: until)
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock { $0.parked.append((until, continuation)) }
        }
    }

    /// Ends every suspended sleep (the clock moves to the latest end) and stops holding.
    func releaseAll() {
        let released = state.withLock { state in
            state.holding = false
            defer { state.parked.removeAll() }
            return state.parked
        }
        if let latest = released.map(\.until).max() { clock?.advance(to: latest) }
        for sleeper in released { sleeper.continuation.resume() }
    }
}
