import CalSyncCore
import Foundation
import Synchronization

/// Admission for a calendar system's requests, per `InFlightKey` (docs/product-rules.md "Reliability model"):
///
/// - At most `maxInFlight` requests (the system's limit, `ProviderCapabilities.inFlightLimit`) are in flight per
///   key; further requests queue FIFO, suspended (no thread is blocked), and a queued request can be cancelled.
/// - Each key has a `notBefore` instant, pushed forward by `deferRequests(_:seconds:)` after the system asked to
///   wait (a `Retry-After`, a back-off hint): no request to that key starts before it. Requests that got a slot
///   sleep until then on the injected `Sleeper`; others keep queuing behind them. Other keys are not affected.
///
/// One gate is meant to serve every client of one calendar system in the process (each adapter keeps its own).
public final class InFlightGate: Sendable {
    public let maxInFlight: Int
    /// Never defer a key further than this (guards against absurd `Retry-After` dates).
    public let maxDeferral: Double
    /// What deadlines are measured on: by default a `SteadyWallClock`, so a step of the system clock never ends a
    /// `Retry-After` early.
    public let clock: any WallClock
    /// How the gate (and the adapter's backoff) waits.
    public let sleeper: any Sleeper

    private struct Waiter {
        let id: UInt64
        let weight: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Lane {
        var inFlight = 0
        var waiters: [Waiter] = []
        var notBefore: Date?

        func isIdle(at now: Date) -> Bool {
            inFlight == 0 && waiters.isEmpty && (notBefore.map { $0 <= now } ?? true)
        }
    }

    private struct State {
        var lanes: [InFlightKey: Lane] = [:]
        var nextWaiterId: UInt64 = 0
    }

    private let state = Mutex(State())

    public init(
        maxInFlight: Int, clock: any WallClock = SteadyWallClock(), sleeper: any Sleeper = TaskSleeper(),
        maxDeferral: Double = 3600
    ) {
        precondition(maxInFlight > 0, "maxInFlight must be positive")
        self.maxInFlight = maxInFlight
        self.clock = clock
        self.sleeper = sleeper
        self.maxDeferral = maxDeferral
    }

    // MARK: - Entering and leaving

    /// Waits for `weight` slots of `key` (FIFO), then until the key's `notBefore`, and returns the
    /// permit. Throws `InFlightDeferred` (holding nothing) when the key is deferred for more than
    /// `maxWait` seconds, and `CancellationError` when cancelled while waiting.
    public func enter(_ key: InFlightKey, weight: Int = 1, maxWait: Double = .infinity) async throws -> InFlightPermit {
        let weight = min(max(1, weight), maxInFlight)
        if let remaining = remainingDeferral(key), remaining > maxWait {
            throw InFlightDeferred(key: key, remaining: remaining)
        }
        try await acquireSlots(key, weight: weight)
        var waited = 0.0
        do {
            // Loop: another request's 429 may push notBefore further while this one sleeps.
            while let remaining = remainingDeferral(key), remaining > 0 {
                guard waited + remaining <= maxWait else { throw InFlightDeferred(key: key, remaining: remaining) }
                try await sleeper.sleep(seconds: remaining)
                waited += remaining
            }
        } catch {
            releaseSlots(key, weight: weight)
            throw error
        }
        return InFlightPermit(gate: self, key: key, weight: weight, waited: waited)
    }

    /// Runs `body` holding one slot of `key`.
    public func withPermit<T: Sendable>(
        _ key: InFlightKey, maxWait: Double = .infinity, _ body: () async throws -> T
    ) async throws -> T {
        let permit = try await enter(key, maxWait: maxWait)
        defer { permit.release() }
        return try await body()
    }

    // MARK: - Deferral (Retry-After)

    /// No request to `key` starts within the next `seconds` (capped at `maxDeferral`). Never moves
    /// an existing `notBefore` earlier.
    public func deferRequests(_ key: InFlightKey, seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        let until = clock.now().addingTimeInterval(min(seconds, maxDeferral))
        state.withLock { state in
            var lane = state.lanes[key] ?? Lane()
            if lane.notBefore.map({ $0 < until }) ?? true { lane.notBefore = until }
            state.lanes[key] = lane
        }
    }

    /// The instant before which no request to `key` starts, if it lies in the future.
    public func notBefore(_ key: InFlightKey) -> Date? {
        let now = clock.now()
        return state.withLock { $0.lanes[key]?.notBefore }.flatMap { $0 > now ? $0 : nil }
    }

    /// Seconds until `key` may be called again, if it is deferred.
    public func remainingDeferral(_ key: InFlightKey) -> Double? {
        notBefore(key).map { $0.timeIntervalSince(clock.now()) }
    }

    // MARK: - Diagnostics

    /// Slots of `key` currently held.
    public func inFlight(_ key: InFlightKey) -> Int {
        state.withLock { $0.lanes[key]?.inFlight ?? 0 }
    }

    /// Requests queued for `key`.
    public func waiting(_ key: InFlightKey) -> Int {
        state.withLock { $0.lanes[key]?.waiters.count ?? 0 }
    }

    // MARK: - Slots

    private enum Admission {
        case granted
        case cancelled
        case queued
    }

    private func acquireSlots(_ key: InFlightKey, weight: Int) async throws {
        let id = state.withLock { state in
            state.nextWaiterId &+= 1
            return state.nextWaiterId
        }
        let maxInFlight = self.maxInFlight
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission = state.withLock { state -> Admission in
                    // Checked under the lock: either the cancel handler already ran (and found
                    // nothing to remove) or it will run later and find this waiter.
                    if Task.isCancelled { return .cancelled }
                    var lane = state.lanes[key] ?? Lane()
                    defer { state.lanes[key] = lane }
                    if lane.waiters.isEmpty, lane.inFlight + weight <= maxInFlight {
                        lane.inFlight += weight
                        return .granted
                    }
                    lane.waiters.append(Waiter(id: id, weight: weight, continuation: continuation))
                    return .queued
                }
                switch admission {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let (cancelled, granted) = state.withLock { state -> (Waiter?, [Waiter]) in
                guard var lane = state.lanes[key], let index = lane.waiters.firstIndex(where: { $0.id == id }) else {
                    return (nil, [])
                }
                let waiter = lane.waiters.remove(at: index)
                // A heavier waiter at the head may have been holding lighter ones back.
                let granted = Self.admitWaiting(&lane, maxInFlight: maxInFlight)
                state.lanes[key] = lane
                return (waiter, granted)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
            for waiter in granted { waiter.continuation.resume() }
        }
    }

    func releaseSlots(_ key: InFlightKey, weight: Int) {
        let now = clock.now()
        let maxInFlight = self.maxInFlight
        let granted = state.withLock { state -> [Waiter] in
            guard var lane = state.lanes[key] else { return [] }
            lane.inFlight = max(0, lane.inFlight - weight)
            let granted = Self.admitWaiting(&lane, maxInFlight: maxInFlight)
            state.lanes[key] = lane.isIdle(at: now) ? nil : lane
            return granted
        }
        for waiter in granted { waiter.continuation.resume() }
    }

    /// Hands free slots to the head of the queue, in order (no overtaking).
    private static func admitWaiting(_ lane: inout Lane, maxInFlight: Int) -> [Waiter] {
        var granted: [Waiter] = []
        while let head = lane.waiters.first, lane.inFlight + head.weight <= maxInFlight {
            lane.waiters.removeFirst()
            lane.inFlight += head.weight
            granted.append(head)
        }
        return granted
    }
}
