import CalSyncCore
import Foundation

/// One mailbox's calendar folder: its items (singles and recurring masters) in creation order, a change counter,
/// and the tombstones of deleted items, which is what SyncFolderItems reports from.
struct MailboxStore: Sendable {
    struct Tombstone: Sendable {
        var id: String
        var changeKey: String
        var createdSequence: Int
        var deletedSequence: Int
    }

    var items: [String: CalendarItemRecord] = [:]
    var order: [String] = []
    /// Bumped by every change in the folder.
    var sequence = 0
    var tombstones: [Tombstone] = []
    /// Sync states carry the epoch they were issued in; bumping it invalidates every earlier state.
    var syncEpoch = 0

    mutating func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    mutating func insert(_ record: CalendarItemRecord) {
        if items[record.id] == nil { order.append(record.id) }
        items[record.id] = record
    }

    /// Removes an item and leaves a tombstone for SyncFolderItems.
    mutating func remove(_ id: String) {
        guard let record = items.removeValue(forKey: id) else { return }
        order.removeAll { $0 == id }
        tombstones.append(
            Tombstone(
                id: id, changeKey: record.changeKey, createdSequence: record.createdSequence, deletedSequence: nextSequence()))
    }

    var orderedItems: [CalendarItemRecord] { order.compactMap { items[$0] } }
}
