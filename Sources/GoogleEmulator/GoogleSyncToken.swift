/// What a sync token stands for: a calendar's state at a change count, for the same kind of list (single events or
/// series). Sync tokens are not bound to the window of the list that issued them (DOC).
struct GoogleSyncToken: Sendable {
    var userId: String
    var change: Int
    var singleEvents: Bool
}
