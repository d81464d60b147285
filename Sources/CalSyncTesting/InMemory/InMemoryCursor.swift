import CalSyncCore

/// What an in-memory cursor stands for (the cursor itself is an opaque token naming one of these).
enum InMemoryCursor: Sendable {
    /// Where a listing's round stands: the round's changes, from `offset` on, are still to be served.
    case page(Round, offset: Int)
    /// The end of a round: the next round lists the changes since `Point`.
    case sync(Point)

    /// One round of a listing, computed when it starts and served page by page.
    struct Round: Sendable {
        var calendar: CalendarID
        var changes: [CalendarChange]
        var isFullListing: Bool
        /// Where the next round starts from.
        var end: Point
    }

    /// What the caller has seen at the end of a round.
    struct Point: Sendable {
        var calendar: CalendarID
        /// The window the listing was started over (a windowed cursor stays bound to it).
        var window: TimeRange
        /// Every entry the caller knows by id (the window's, or the whole calendar's for unbounded tracking).
        var seen: [String: ExternalEvent]
        /// `InMemoryCalendar.version` when the round was computed.
        var version: Int
    }
}
