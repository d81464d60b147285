import Foundation

/// The emulator's subscriptions, the changes not yet posted, and delivery bookkeeping (inside `EmulatorState`).
struct SubscriptionBook: Sendable {
    var byId: [String: Subscription] = [:]
    /// Changes of mailboxes someone subscribes to, in write order, until the next delivery round takes them.
    var pending: [EventChange] = []
    /// True while a delivery round is scheduled (it will take every pending change).
    var roundScheduled = false
    /// Deliveries (POSTs with their retries) not finished yet.
    var inFlight = 0
    var stats = SubscriptionStats()

    /// Records a write if any subscription watches the mailbox (nothing piles up when nobody listens).
    mutating func record(_ change: EventChange) {
        guard byId.values.contains(where: { $0.userId == change.userId }) else { return }
        pending.append(change)
    }

    /// Removes the subscriptions past their expiry (Graph deletes them; they deliver nothing more).
    mutating func purgeExpired(now: Date) {
        let gone = byId.values.filter { $0.expiration <= now }.map(\.id)
        for id in gone { byId[id] = nil }
        stats.expired += gone.count
    }

    /// The subscriptions of one app, oldest first.
    func owned(by applicationId: String) -> [Subscription] {
        byId.values.filter { $0.applicationId == applicationId }.sorted { ($0.expiration, $0.id) < ($1.expiration, $1.id) }
    }
}
