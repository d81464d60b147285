import Foundation

/// The calendar event CalSync wants in a person's calendar for one push key. No attendees, ever.
public struct OutgoingEvent: Sendable, Hashable {
    public var subject: String
    public var bodyText: String
    public var location: String?
    public var time: EventTime
    /// The IANA zone the event is written in: a timed event's own zone; for an all-day event, the calendar's zone
    /// (where its days begin and end).
    public var zone: String
    public var showAs: ShowAs
    public var isReminderOn: Bool
    public var categories: [String]
    /// Our tag's value (`EventTag.value(for:)`).
    public var tag: String

    /// - Parameter zone: for all-day events, the calendar's zone; timed events are written in their own zone.
    public init(
        subject: String, bodyText: String, location: String?, time: EventTime, zone: String? = nil,
        showAs: ShowAs, isReminderOn: Bool, categories: [String], tag: String
    ) {
        self.subject = subject
        self.bodyText = bodyText
        self.location = location
        self.time = time
        switch time {
        case .timed(_, let own): self.zone = own
        case .allDay: self.zone = zone ?? "UTC"
        }
        self.showAs = showAs
        self.isReminderOn = isReminderOn
        self.categories = categories
        self.tag = tag
    }

    public var isAllDay: Bool { time.isAllDay }

    /// The wall-clock start and end in `zone` (all-day events: midnight to midnight).
    public var wallClock: (start: LocalDateTime, end: LocalDateTime) {
        switch time {
        case .timed(let range, _):
            let tz = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
            return (LocalDateTime(range.start, in: tz), LocalDateTime(range.end, in: tz))
        case .allDay(let first, let end):
            return (LocalDateTime(date: first, hour: 0, minute: 0), LocalDateTime(date: end, hour: 0, minute: 0))
        }
    }

    /// The digest of the subject and location, as `ExternalEvent.labelDigest` reads them back.
    public var labelDigest: String { EventLabel.digest(subject: subject, location: location) }

    /// A stable fingerprint of the content, to tell whether a pushed event needs an update. Stored with each pushed
    /// event, so its value for unchanged content must never change between releases.
    /// - Parameter zoneName: how the calendar system spells `zone` in what CalSync writes (a provider whose
    ///   spelling differs from IANA names passes its own, through its `ProviderVocabulary`): a change of spelling is
    ///   a change of what is written.
    public func fingerprint(zoneName: (String) -> String = { $0 }) -> String {
        let (start, end) = wallClock
        let name = zoneName(zone)
        let parts: [String] = [
            subject, bodyText, location ?? "", start.description, name, end.description, name,
            String(isAllDay), showAs.rawValue, String(isReminderOn), categories.joined(separator: ","), tag,
        ]
        return StableHash.hex(parts.joined(separator: "\u{1F}"))
    }
}
