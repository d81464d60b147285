/// An event read from a person's calendar (one occurrence when the system expands recurrences), reduced to what
/// the pull rules need. By design it carries no subject, body, location or attendees (privacy rule): only a digest
/// of the subject and location, for drift repair to compare with what CalSync pushed.
public struct ExternalEvent: Sendable, Hashable {
    public var id: String
    /// When it takes place; nil when the system's answer could not be read as a time (the event is then no block).
    public var time: EventTime?
    public var showAs: ShowAs
    public var isCancelled: Bool
    /// The calendar's owner declined it (an invitation they said no to).
    public var declinedByOwner: Bool
    /// The series itself rather than one of its occurrences (systems that expand recurrences list both).
    public var isSeriesMaster: Bool
    public var categories: [String]
    /// The idempotency key the event was created with, when the system keeps one.
    public var idempotencyKey: String?
    /// Our tag's value when the system returned it (`EventTag`).
    public var tagValue: String?
    /// `EventLabel.digest` of the subject and location, when the answer carried a subject.
    public var labelDigest: String?

    public init(
        id: String, time: EventTime?, showAs: ShowAs = .busy, isCancelled: Bool = false,
        declinedByOwner: Bool = false, isSeriesMaster: Bool = false, categories: [String] = [],
        idempotencyKey: String? = nil, tagValue: String? = nil, labelDigest: String? = nil
    ) {
        self.id = id
        self.time = time
        self.showAs = showAs
        self.isCancelled = isCancelled
        self.declinedByOwner = declinedByOwner
        self.isSeriesMaster = isSeriesMaster
        self.categories = categories
        self.idempotencyKey = idempotencyKey
        self.tagValue = tagValue
        self.labelDigest = labelDigest
    }

    /// Whether it takes whole days.
    public var isAllDay: Bool { time?.isAllDay ?? false }
}
