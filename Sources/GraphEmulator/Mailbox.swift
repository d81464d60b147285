import CalSyncCore
import Foundation

/// One user's calendar: live items plus tombstones of deleted ones (delta reports those as `@removed`).
struct Mailbox: Sendable {
    struct Tombstone: Sendable {
        let id: String
        let generation: Int
        let wasSeries: Bool
    }

    var events: [String: StoredEvent] = [:]
    var tombstones: [Tombstone] = []

    /// Items in creation order.
    var orderedEvents: [StoredEvent] {
        events.values.sorted { $0.sequence < $1.sequence }
    }

    /// Every instance overlapping `window`, ordered by start then id.
    func instances(in window: TimeRange) -> [EventInstance] {
        orderedEvents.flatMap { EventInstance.expand($0, in: window) }
            .sorted { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
    }

    /// Whether anything in the mailbox was written after the emulator's change counter was at `generation`
    /// (every create, update and delete stamps the item, or its tombstone, with a new generation).
    func changed(since generation: Int) -> Bool {
        events.values.contains { $0.generation > generation } || tombstones.contains { $0.generation > generation }
    }

    /// Resolves an item or occurrence id to what it names.
    func resolve(_ id: String) -> Resolved? {
        if let event = events[id] { return .item(event) }
        guard let (masterId, date) = OccurrenceId.parse(id), let master = events[masterId],
            let recurrence = master.recurrence, recurrence.contains(date) || master.exceptions[date] != nil,
            !master.cancelledDates.contains(date)
        else { return nil }
        return .occurrence(master, date)
    }

    enum Resolved {
        case item(StoredEvent)
        case occurrence(StoredEvent, LocalDate)

        var instance: EventInstance {
            switch self {
            case .item(let event): return EventInstance.item(event)
            case .occurrence(let master, let date): return EventInstance.occurrence(master, on: date)
            }
        }
    }

    /// The live item created with `transactionId`, if any.
    func event(withTransactionId transactionId: String) -> StoredEvent? {
        events.values.first { $0.transactionId == transactionId }
    }
}
