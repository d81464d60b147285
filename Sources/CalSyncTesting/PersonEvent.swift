import CalSyncCore
import Foundation

/// An event the person puts in their own calendar with their own calendar app (not through CalSync): what a
/// test adds through a provider's side door, whatever the provider.
public struct PersonEvent: Sendable, Hashable {
    public var subject: String
    public var time: EventTime
    public var showAs: ShowAs
    public var location: String?
    public var isCancelled: Bool
    /// An invitation the person declined.
    public var declinedByOwner: Bool
    public var categories: [String]
    /// Repeats; nil for a single event.
    public var recurrence: Recurrence?

    public init(
        _ subject: String, time: EventTime, showAs: ShowAs = .busy, location: String? = nil, isCancelled: Bool = false,
        declinedByOwner: Bool = false, categories: [String] = [], recurrence: Recurrence? = nil
    ) {
        self.subject = subject
        self.time = time
        self.showAs = showAs
        self.location = location
        self.isCancelled = isCancelled
        self.declinedByOwner = declinedByOwner
        self.categories = categories
        self.recurrence = recurrence
    }

    /// A timed event from `start` to `end` in `zone` (an IANA name).
    public static func timed(
        _ subject: String, from start: Date, to end: Date, zone: String = "UTC", showAs: ShowAs = .busy
    ) -> PersonEvent {
        PersonEvent(subject, time: .timed(TimeRange(start: start, end: end), zone: zone), showAs: showAs)
    }

    /// A whole-day event over `days` days from `first`.
    public static func allDay(_ subject: String, on first: LocalDate, days: Int = 1, showAs: ShowAs = .busy)
        -> PersonEvent
    {
        PersonEvent(subject, time: .allDay(first: first, end: first.adding(days: days)), showAs: showAs)
    }
}
