import Foundation

/// When an event takes place: a span of time in a zone, or whole days.
public enum EventTime: Sendable, Hashable {
    /// From `range.start` to `range.end`, shown in `zone` (an IANA name).
    case timed(TimeRange, zone: String)
    /// Whole days from `first` up to `end` (exclusive), in whatever zone the calendar is in.
    case allDay(first: LocalDate, end: LocalDate)

    public var isAllDay: Bool {
        if case .allDay = self { return true }
        return false
    }
}
