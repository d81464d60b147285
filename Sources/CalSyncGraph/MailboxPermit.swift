import Synchronization

/// The right to have requests in flight to one mailbox, from `MailboxGate.enter`. Release it when
/// the answer (or failure) has come back; releasing twice is harmless, and a permit that is dropped
/// unreleased releases itself.
public final class MailboxPermit: Sendable {
    public let key: MailboxKey
    /// Slots held (1 for a plain request; a `$batch` holds one per item to that mailbox).
    public let weight: Int
    /// Seconds spent sleeping for the mailbox's `notBefore` (not the time queued behind others).
    public let waited: Double
    private let gate: MailboxGate
    private let released = Mutex(false)

    init(gate: MailboxGate, key: MailboxKey, weight: Int, waited: Double) {
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
