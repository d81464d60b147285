import Synchronization

/// The last ChangeKey seen for each item CalSync read or wrote, so an update usually needs no read first. A key
/// that turned stale is read again (`docs/exchange.md`, "UpdateItem"). Bounded: past `capacity` it starts over.
final class EWSChangeKeys: Sendable {
    private let keys = Mutex([String: String]())
    let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    subscript(id: String) -> String? {
        keys.withLock { $0[id] }
    }

    func remember(_ id: String, _ changeKey: String?) {
        guard let changeKey, !changeKey.isEmpty else { return }
        keys.withLock { keys in
            if keys.count >= capacity, keys[id] == nil { keys.removeAll(keepingCapacity: true) }
            keys[id] = changeKey
        }
    }

    func forget(_ id: String) {
        _ = keys.withLock { $0.removeValue(forKey: id) }
    }
}
