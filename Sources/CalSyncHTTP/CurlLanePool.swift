import Foundation
import Synchronization

/// Hands out `CurlLane`s, at most `capacity` of them, to async callers.
///
/// An async semaphore: a caller that finds no idle lane suspends on a continuation (it never blocks
/// a thread) and is resumed, first come first served, by `release`. Lanes are created lazily up to
/// `capacity`. Idle lanes are reused last-in first-out so that a light load keeps hitting the same
/// warm keep-alive connection. Waiting is cancellable.
final class CurlLanePool: Sendable {
    /// What a suspended caller is resumed with: an idle lane, or permission to create one.
    private enum Grant {
        case lane(CurlLane)
        /// Permission to create lane number `index`; the slot is already counted in `created`.
        case slot(index: Int)
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Grant, any Error>
    }

    private let capacity: Int
    private let makeLane: @Sendable (Int) throws(HTTPTransportError) -> CurlLane

    /// The lanes and waiters, behind one lock.
    private struct State {
        var idle: [CurlLane] = []
        var created = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0

        /// An idle lane, or a slot to create one while fewer than `capacity` exist.
        mutating func takeIdleOrSlot(capacity: Int) -> Grant? {
            if let lane = idle.popLast() { return .lane(lane) }
            if created < capacity {
                created += 1
                return .slot(index: created - 1)
            }
            return nil
        }
    }

    private let state = Mutex(State())

    init(capacity: Int, makeLane: @escaping @Sendable (Int) throws(HTTPTransportError) -> CurlLane) {
        precondition(capacity > 0, "CurlLanePool needs at least one lane")
        self.capacity = capacity
        self.makeLane = makeLane
    }

    /// Waits for a free lane. Every lane returned must be given back with `release(_:)`.
    func acquire() async throws -> CurlLane {
        let grant: Grant
        if let immediate = state.withLock({ $0.takeIdleOrSlot(capacity: capacity) }) {
            grant = immediate
        } else {
            grant = try await waitForGrant()
        }
        switch grant {
        case .lane(let lane):
            return lane
        case .slot(let index):
            return try createLane(index: index)
        }
    }

    /// Returns a lane: straight to the longest waiter if there is one, else to the idle stack.
    func release(_ lane: CurlLane) {
        let waiter: Waiter? = state.withLock { state in
            if state.waiters.isEmpty {
                state.idle.append(lane)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.continuation.resume(returning: .lane(lane))
    }

    // MARK: - Private

    private func waitForGrant() async throws -> Grant {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                let outcome: Result<Grant, any Error>? = state.withLock { state in
                    // A lane may have come back since the fast path looked.
                    if let grant = state.takeIdleOrSlot(capacity: capacity) { return .success(grant) }
                    // The cancellation flag is set before the handler runs, so checking it under the lock
                    // closes the race with a handler that ran before this waiter was enqueued.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Creates a lane in a slot already counted in `created`; on failure hands the slot on.
    private func createLane(index: Int) throws(HTTPTransportError) -> CurlLane {
        do {
            return try makeLane(index)
        } catch {
            let waiter: Waiter? = state.withLock { state in
                if state.waiters.isEmpty {
                    state.created -= 1
                    return nil
                }
                return state.waiters.removeFirst()
            }
            waiter?.continuation.resume(returning: .slot(index: index))
            throw error
        }
    }
}
