/// An event read from a person's calendar (one calendarView instance), reduced to what the pull
/// rules need. By design it carries no subject, body, location or attendees (privacy rule): only a digest
/// of the subject and location, for drift repair to compare with what CalSync pushed.
public struct ExternalEvent: Sendable, Hashable {
    public var id: String
    public var start: GraphDateTime
    public var end: GraphDateTime
    public var isAllDay: Bool
    public var showAs: ShowAs
    public var isCancelled: Bool
    /// `responseStatus.response`: none, organizer, tentativelyAccepted, accepted, declined, notResponded.
    public var response: String?
    /// singleInstance, occurrence, exception, seriesMaster.
    public var type: String?
    public var seriesMasterId: String?
    public var categories: [String]
    public var transactionId: String?
    /// Our tag's value when the extended property was expanded (never in delta results).
    public var tagValue: String?
    /// `EventLabel.digest` of the subject and `location.displayName`, when the answer carried a subject.
    public var labelDigest: String?

    public init(id: String, start: GraphDateTime, end: GraphDateTime, isAllDay: Bool = false, showAs: ShowAs = .busy,
                isCancelled: Bool = false, response: String? = nil, type: String? = nil, seriesMasterId: String? = nil,
                categories: [String] = [], transactionId: String? = nil, tagValue: String? = nil, labelDigest: String? = nil) {
        self.id = id
        self.start = start
        self.end = end
        self.isAllDay = isAllDay
        self.showAs = showAs
        self.isCancelled = isCancelled
        self.response = response
        self.type = type
        self.seriesMasterId = seriesMasterId
        self.categories = categories
        self.transactionId = transactionId
        self.tagValue = tagValue
        self.labelDigest = labelDigest
    }
}
