/// One write to a mailbox's events, waiting to be turned into change notifications.
struct EventChange: Sendable, Hashable {
    let userId: String
    let eventId: String
    /// `created`, `updated` or `deleted`.
    let changeType: String
    /// The item's change key after the write (its last one for a deletion).
    let changeKey: String
}
