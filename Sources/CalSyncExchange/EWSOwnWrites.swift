import Synchronization

/// The items CalSync itself wrote or deleted since the last detection, with the ChangeKey each write returned, so
/// that SyncFolderItems reporting only CalSync's own writes does not cost a relisting of the window. An item
/// someone else changed afterwards carries another ChangeKey and still counts as a change. Bounded: past `capacity`
/// it starts over (the next detection then relists once).
final class EWSOwnWrites: Sendable {
    private struct Write: Hashable {
        var changeKey: String?
        var deleted: Bool
    }

    private let writes = Mutex([String: Write]())
    let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// CalSync created or updated `id`, which now has `changeKey`.
    func wrote(_ id: String, changeKey: String?) {
        record(id, Write(changeKey: changeKey, deleted: false))
    }

    /// CalSync deleted `id`.
    func deleted(_ id: String) {
        record(id, Write(changeKey: nil, deleted: true))
    }

    /// Whether a change SyncFolderItems reported is CalSync's own write (then forgotten: it is seen once).
    func isOwn(_ id: String, changeKey: String?, deletion: Bool) -> Bool {
        writes.withLock { writes in
            guard let write = writes[id], write.deleted == deletion else { return false }
            guard deletion || (write.changeKey != nil && write.changeKey == changeKey) else { return false }
            writes[id] = nil
            return true
        }
    }

    private func record(_ id: String, _ write: Write) {
        writes.withLock { writes in
            if writes.count >= capacity, writes[id] == nil { writes.removeAll(keepingCapacity: true) }
            writes[id] = write
        }
    }
}
