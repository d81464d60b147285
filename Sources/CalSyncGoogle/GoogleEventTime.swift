import CalSyncCore
import CalSyncHTTP
import Foundation

/// Reads and writes Calendar v3's `start`/`end` objects (docs/google.md, "Event fields that decide busy time"):
/// `{"date": "2026-03-09"}` for whole days (the end date exclusive, days of the calendar's zone) or
/// `{"dateTime": RFC 3339, "timeZone"?: IANA}` (without an offset the `timeZone` says where the wall clock is).
enum GoogleEventTime {
    /// The event's time; nil when `start`/`end` cannot be read. Timed events keep their own zone, else the
    /// calendar's.
    static func read(start: JSONValue?, end: JSONValue?, calendarZone: String) -> EventTime? {
        if let first = start?["date"]?.stringValue.flatMap(LocalDate.init),
            let last = end?["date"]?.stringValue.flatMap(LocalDate.init)
        {
            return .allDay(first: first, end: last)
        }
        let zone = start?["timeZone"]?.stringValue ?? calendarZone
        guard let from = instant(start, fallbackZone: zone), let to = instant(end, fallbackZone: zone) else { return nil }
        return .timed(TimeRange(start: from, end: to), zone: zone)
    }

    private static func instant(_ value: JSONValue?, fallbackZone: String) -> Date? {
        guard let text = value?["dateTime"]?.stringValue else { return nil }
        if let instant = Timestamp.parse(text) { return instant }
        // No offset: the wall clock in the object's `timeZone` (else the event's).
        let zone = value?["timeZone"]?.stringValue ?? fallbackZone
        guard let wall = LocalDateTime(text), let tz = TimeZone(identifier: zone) else { return nil }
        return wall.instant(in: tz)
    }

    /// `start` and `end` for `time`. All-day events are written as dates, unless `timedDays` (Google refuses all-day
    /// out-of-office events): then as midnight to midnight in `zone`.
    static func write(_ time: EventTime, zone: String, timedDays: Bool = false) -> (start: JSONValue, end: JSONValue) {
        switch time {
        case .timed(let range, _):
            return (timed(range.start, zone: zone), timed(range.end, zone: zone))
        case .allDay(let first, let end) where timedDays:
            let tz = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
            return (
                timed(first.startOfDay(in: tz), zone: zone), timed(max(end, first.adding(days: 1)).startOfDay(in: tz), zone: zone)
            )
        case .allDay(let first, let end):
            return (["date": .string(first.description)], ["date": .string(max(end, first.adding(days: 1)).description)])
        }
    }

    private static func timed(_ instant: Date, zone: String) -> JSONValue {
        ["dateTime": .string(Timestamp.format(instant)), "timeZone": .string(zone)]
    }
}
