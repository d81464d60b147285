/// The calendar event CalSync wants in a mailbox for one push key. No attendees, ever.
public struct OutgoingEvent: Sendable, Hashable, Codable {
    public var subject: String
    public var bodyText: String
    public var location: String?
    public var start: GraphDateTime
    public var end: GraphDateTime
    public var isAllDay: Bool
    public var showAs: ShowAs
    public var isReminderOn: Bool
    public var categories: [String]
    /// The extended-property value (`EventTag.value(for:)`).
    public var tag: String

    public init(subject: String, bodyText: String, location: String?, start: GraphDateTime, end: GraphDateTime,
                isAllDay: Bool, showAs: ShowAs, isReminderOn: Bool, categories: [String], tag: String) {
        self.subject = subject
        self.bodyText = bodyText
        self.location = location
        self.start = start
        self.end = end
        self.isAllDay = isAllDay
        self.showAs = showAs
        self.isReminderOn = isReminderOn
        self.categories = categories
        self.tag = tag
    }

    /// The digest of the subject and location, as `ExternalEvent.labelDigest` reads them back.
    public var labelDigest: String { EventLabel.digest(subject: subject, location: location) }

    /// A stable fingerprint of the content, to tell whether a pushed event needs an update.
    public var fingerprint: String {
        let parts: [String] = [
            subject, bodyText, location ?? "", start.dateTime, start.timeZone, end.dateTime, end.timeZone,
            String(isAllDay), showAs.rawValue, String(isReminderOn), categories.joined(separator: ","), tag,
        ]
        return StableHash.hex(parts.joined(separator: "\u{1F}"))
    }
}
