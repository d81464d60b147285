import Synchronization

/// Idempotency keys whose create ended without a clear answer (the item may exist): the next attempt with the same
/// key looks CalSync's tag up before creating. Bounded: past `capacity` it starts over (the engine looks up the tag
/// itself too).
final class EWSAmbiguousCreates: Sendable {
    private let keys = Mutex(Set<String>())
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func contains(_ key: String) -> Bool { keys.withLock { $0.contains(key) } }

    func insert(_ key: String) {
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys.insert(key)
        }
    }

    func remove(_ key: String) {
        _ = keys.withLock { $0.remove(key) }
    }
}
