import Synchronization

/// The right to have requests in flight to one key, from `InFlightGate.enter`. Release it when
/// the answer (or failure) has come back; releasing twice is harmless, and a permit that is dropped
/// unreleased releases itself.
public final class InFlightPermit: Sendable {
    public let key: InFlightKey
    /// Slots held (1 for a plain request; a batch holds one per item to that key).
    public let weight: Int
    /// Seconds spent sleeping for the key's `notBefore` (not the time queued behind others).
    public let waited: Double
    private let gate: InFlightGate
    private let released = Mutex(false)

    init(gate: InFlightGate, key: InFlightKey, weight: Int, waited: Double) {
        self.gate = gate
        self.key = key
        self.weight = weight
        self.waited = waited
    }

    /// A permit dropped without `release()` gives its slots back rather than leaking them.
    deinit {
        release()
    }

    public func release() {
        let first = released.withLock { released in
            defer { released = true }
            return !released
        }
        if first { gate.releaseSlots(key, weight: weight) }
    }
}
