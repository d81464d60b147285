/// One page of a calendar's changes.
public struct ChangePage: Sendable, Hashable {
    /// What comes after this page.
    public enum Next: Sendable, Hashable {
        /// More pages of the same round: ask again from this cursor.
        case more(SyncCursor)
        /// The round is over: this cursor starts the next one (stored until then).
        case done(SyncCursor)
    }

    public var changes: [CalendarChange]
    public var next: Next
    /// This page belongs to a full listing of the window (a round started without a cursor, or one the provider
    /// restarted): at the round's end, blocks the whole round did not list are removed.
    public var isFullListing: Bool

    public init(changes: [CalendarChange], next: Next, isFullListing: Bool) {
        self.changes = changes
        self.next = next
        self.isFullListing = isFullListing
    }
}
