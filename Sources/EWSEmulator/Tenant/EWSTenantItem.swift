/// A calendar item in a tenant file or a side-door request, as the person's own Outlook would have made it.
///
/// Times: `"D+1T09:00"` (days from today, at a wall-clock time, in the item's zone), `"2025-03-03T09:00:00"` (a local
/// time in the item's zone) or a value with an offset. Dates (`recurrence.endDate`, `deletedOccurrences`): `"D+7"` or
/// `"2025-03-31"`. "Today" is the emulator's date at start, in the item's zone, so a tenant file keeps showing busy
/// blocks around today.
public struct EWSTenantItem: Codable, Sendable, Hashable {
    public struct Organizer: Codable, Sendable, Hashable {
        public var name: String
        public var emailAddress: String

        public init(name: String, emailAddress: String) {
            self.name = name
            self.emailAddress = emailAddress
        }
    }

    public struct Recurrence: Codable, Sendable, Hashable {
        /// Daily, Weekly, AbsoluteMonthly or AbsoluteYearly.
        public var type: String
        public var interval: Int?
        /// Weekly: Monday … Sunday.
        public var daysOfWeek: [String]?
        public var firstDayOfWeek: String?
        public var dayOfMonth: Int?
        /// AbsoluteYearly: January … December.
        public var month: String?
        public var endDate: String?
        public var numberOfOccurrences: Int?

        public init(type: String, interval: Int? = nil, daysOfWeek: [String]? = nil, numberOfOccurrences: Int? = nil) {
            self.type = type
            self.interval = interval
            self.daysOfWeek = daysOfWeek
            self.numberOfOccurrences = numberOfOccurrences
        }
    }

    public struct ExtendedProperty: Codable, Sendable, Hashable {
        public var propertySetId: String?
        public var distinguishedPropertySetId: String?
        public var propertyName: String?
        public var propertyId: Int?
        public var propertyType: String
        public var value: String?
        public var values: [String]?
    }

    /// A fixed ItemId (tests); a generated one when absent.
    public var id: String?
    public var subject: String?
    public var start: String
    public var end: String
    /// Windows zone id; the mailbox's when absent.
    public var timeZone: String?
    public var isAllDay: Bool?
    public var legacyFreeBusyStatus: String?
    public var sensitivity: String?
    public var location: String?
    public var body: String?
    public var categories: [String]?
    public var isCancelled: Bool?
    public var isMeeting: Bool?
    /// Organizer, Accept, Tentative, Decline, NoResponseReceived, Unknown.
    public var myResponseType: String?
    public var organizer: Organizer?
    public var recurrence: Recurrence?
    /// Dates of occurrences the organizer deleted.
    public var deletedOccurrences: [String]?
    public var extendedProperties: [ExtendedProperty]?

    public init(subject: String?, start: String, end: String) {
        self.subject = subject
        self.start = start
        self.end = end
    }
}
