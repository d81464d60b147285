/// One change in a calendarView delta round.
public enum DeltaChange: Sendable, Hashable {
    case upsert(ExternalEvent)
    /// `@removed`: deleted, or changed outside the window. Ids we don't know are ignored.
    case removed(id: String)
}

/// One page of a calendarView delta round: exactly one of `nextLink` / `deltaLink` is set.
public struct DeltaPage: Sendable, Hashable {
    public var changes: [DeltaChange]
    public var nextLink: String?
    public var deltaLink: String?

    public init(changes: [DeltaChange], nextLink: String? = nil, deltaLink: String? = nil) {
        self.changes = changes
        self.nextLink = nextLink
        self.deltaLink = deltaLink
    }
}

/// Where a delta read starts: a new round over a window, or a stored next/delta link (followed verbatim).
public enum DeltaCursor: Sendable, Hashable {
    case initial(TimeRange)
    case link(String)
}
