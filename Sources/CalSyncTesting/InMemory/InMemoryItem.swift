import CalSyncCore

/// An item of an in-memory calendar as stored: a person's own event (added through the side door) or one written
/// through the provider (CalSync's). A recurring item stands for its whole series.
public struct InMemoryItem: Sendable, Hashable {
    /// Who wrote it.
    public enum Origin: String, Sendable, Hashable {
        /// The person, with their own calendar app (the side door).
        case person
        /// A caller of the provider (`create`).
        case provider
    }

    public var id: String
    public var origin: Origin
    public var subject: String
    public var bodyText: String
    public var location: String?
    /// When it takes place (a series: its first occurrence).
    public var time: EventTime
    /// The IANA zone it is written in (an all-day event: the calendar's zone).
    public var zone: String
    public var showAs: ShowAs
    public var isCancelled: Bool
    public var declinedByOwner: Bool
    public var isReminderOn: Bool
    public var categories: [String]
    public var recurrence: PersonEvent.Recurrence?
    /// Occurrences of the series deleted one by one (by their date).
    public var deletedOccurrences: Set<LocalDate>
    /// CalSync's tag value, when it was written with one.
    public var tag: String?
    /// The key it was created with, when the provider keeps keys (`ProviderCapabilities.IdempotentCreate`).
    public var idempotencyKey: String?

    init(id: String, person event: PersonEvent, zone: String) {
        self.id = id
        origin = .person
        subject = event.subject
        bodyText = ""
        location = event.location
        time = event.time
        self.zone = Self.zone(of: event.time, calendarZone: zone)
        showAs = event.showAs
        isCancelled = event.isCancelled
        declinedByOwner = event.declinedByOwner
        isReminderOn = true
        categories = event.categories
        recurrence = event.recurrence
        deletedOccurrences = []
    }

    init(id: String, outgoing event: OutgoingEvent, idempotencyKey: String?) {
        self.id = id
        origin = .provider
        subject = event.subject
        bodyText = event.bodyText
        location = event.location
        time = event.time
        zone = event.zone
        showAs = event.showAs
        isCancelled = false
        declinedByOwner = false
        isReminderOn = event.isReminderOn
        categories = event.categories
        deletedOccurrences = []
        tag = event.tag
        self.idempotencyKey = idempotencyKey
    }

    /// Overwrites what a person edits in their calendar app.
    mutating func apply(_ event: PersonEvent, calendarZone: String) {
        subject = event.subject
        location = event.location
        time = event.time
        zone = Self.zone(of: event.time, calendarZone: calendarZone)
        showAs = event.showAs
        isCancelled = event.isCancelled
        declinedByOwner = event.declinedByOwner
        categories = event.categories
        recurrence = event.recurrence
        deletedOccurrences = []
    }

    /// Overwrites what `CalendarProvider.update` writes (the idempotency key stays).
    mutating func apply(_ event: OutgoingEvent) {
        subject = event.subject
        bodyText = event.bodyText
        location = event.location
        time = event.time
        zone = event.zone
        showAs = event.showAs
        isReminderOn = event.isReminderOn
        categories = event.categories
        tag = event.tag
    }

    private static func zone(of time: EventTime, calendarZone: String) -> String {
        if case .timed(_, let zone) = time { return zone }
        return calendarZone
    }
}
