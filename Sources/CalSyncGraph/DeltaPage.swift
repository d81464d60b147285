import CalSyncCore

/// One page of a calendarView delta round: exactly one of `nextLink` / `deltaLink` is set.
public struct DeltaPage: Sendable, Hashable {
    public var changes: [CalendarChange]
    public var nextLink: String?
    public var deltaLink: String?

    public init(changes: [CalendarChange], nextLink: String? = nil, deltaLink: String? = nil) {
        self.changes = changes
        self.nextLink = nextLink
        self.deltaLink = deltaLink
    }
}
