@preconcurrency import Dispatch
import Foundation
import Synchronization

/// Drives the engine from a `DispatchSourceTimer` (first tick at once). With the engine's `PullSpread`
/// of `n` slots the timer fires every `interval / n` seconds and tick `k` pulls slot `k mod n`, so
/// everyone is pulled once per interval without a burst; with one slot it is one full cycle per
/// interval. A tick is skipped while the loop's previous cycle runs, and waits for a run started elsewhere (on
/// demand, a catch-up); `stop()` cancels the timer and waits for the cycle in flight. `tick()` (on demand) always
/// runs a full cycle.
public final class SyncLoop: Sendable {
    private let engine: SyncEngine
    private let interval: Double
    private let onReport: @Sendable (CycleReport) -> Void
    private let queue = DispatchQueue(label: "calsync.sync-loop")
    /// The timer and the task in flight; guarded by the mutex.
    private let state = Mutex<State>(State())

    private struct State: @unchecked Sendable {  // DispatchSourceTimer is not Sendable; only touched under the mutex
        var timer: (any DispatchSourceTimer)?
        var inFlight: Task<Void, Never>?
        var stopped = false
        var skippedTicks = 0
        var lastTickAt: Date?
        /// Timer ticks so far; the next timer tick pulls slot `timerTicks mod slots`.
        var timerTicks = 0
    }

    private var slots: Int { engine.spread.slots }
    private var tickInterval: Double { interval / Double(slots) }

    public init(engine: SyncEngine, interval: Double, onReport: @escaping @Sendable (CycleReport) -> Void) {
        self.engine = engine
        self.interval = interval
        self.onReport = onReport
    }

    public func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: tickInterval, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.timerTick() }
        state.withLock { $0.timer = timer }
        timer.resume()
    }

    /// Starts a full cycle now unless one runs (the on-demand path); returns false when skipped.
    @discardableResult
    public func tick() -> Bool {
        start(slot: nil)
    }

    /// The timer's tick: the next slot of the spread (a full cycle without spreading).
    private func timerTick() {
        let slot = state.withLock { state -> Int? in
            defer { state.timerTicks += 1 }
            return slots > 1 ? state.timerTicks % slots : nil
        }
        start(slot: slot)
    }

    @discardableResult
    private func start(slot: Int?) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.lastTickAt = Date()
            guard state.inFlight == nil else {
                state.skippedTicks += 1
                return false
            }
            let engine = self.engine
            let onReport = self.onReport
            state.inFlight = Task { [weak self] in
                // A run already going (on demand, a catch-up) delays the tick rather than cancelling it.
                if let report = await engine.runCycleWhenIdle(slot: slot) { onReport(report) }
                self?.state.withLock { $0.inFlight = nil }
            }
            return true
        }
    }

    public var skippedTicks: Int { state.withLock { $0.skippedTicks } }

    /// When the timer fires next (nil before `start()` or after `stop()`).
    public var nextRunAt: Date? {
        state.withLock { s in
            guard s.timer != nil, !s.stopped else { return nil }
            return (s.lastTickAt ?? Date()).addingTimeInterval(tickInterval)
        }
    }

    /// Stops the timer; the cycle in flight finishes first.
    public func stop() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.stopped = true
            state.timer?.cancel()
            state.timer = nil
            return state.inFlight
        }
        await task?.value
    }
}
