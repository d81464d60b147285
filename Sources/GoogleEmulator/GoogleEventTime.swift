import CalSyncCore
import CalSyncHTTP
import Foundation

/// An event's `start`, `end` or `originalStartTime` (calendar v3 `EventDateTime`): an all-day `date`, or a
/// `dateTime` (RFC 3339; without an offset only together with `timeZone`) with an optional IANA `timeZone`.
enum GoogleEventTime: Sendable, Hashable {
    case date(LocalDate)
    case dateTime(Date, timeZone: String?)

    var isAllDay: Bool {
        if case .date = self { return true }
        return false
    }

    /// The named zone of a `dateTime`, if any.
    var timeZoneName: String? {
        if case .dateTime(_, let name) = self { return name }
        return nil
    }

    /// The instant this time stands for; an all-day date starts at midnight in the calendar's zone.
    func instant(calendarZone: TimeZone) -> Date {
        switch self {
        case .date(let date): return date.startOfDay(in: calendarZone)
        case .dateTime(let instant, _): return instant
        }
    }

    /// Reads `field` (`start`, `end`) of an event body. Errors as Google words them for events.
    static func parse(_ json: JSONValue?, field: String) throws(GoogleError) -> GoogleEventTime {
        guard let json, !json.isNull else { throw GoogleError.required("Missing \(field) time.", location: field) }
        guard let object = json.objectValue else { throw GoogleError.invalid("Invalid \(field) time.") }
        let zoneName = object["timeZone"]?.stringValue
        if let zoneName, TimeZone(identifier: zoneName) == nil {
            throw GoogleError.invalid("Invalid time zone definition for \(field) time.")
        }
        switch (object["date"]?.stringValue, object["dateTime"]?.stringValue) {
        case (let date?, nil):
            guard let day = LocalDate(date) else { throw GoogleError.invalid("Invalid \(field) time.") }
            return .date(day)
        case (nil, let text?):
            if let instant = Timestamp.parse(text) { return .dateTime(instant, timeZone: zoneName) }
            guard let wall = LocalDateTime(text), !text.contains("+"), !text.hasSuffix("Z") else {
                throw GoogleError.invalid("Invalid \(field) time.")
            }
            guard let zoneName, let zone = TimeZone(identifier: zoneName) else {
                throw GoogleError.required("Missing time zone definition for \(field) time.", location: field)
            }
            return .dateTime(wall.instant(in: zone), timeZone: zoneName)
        case (nil, nil):
            throw GoogleError.required("Missing \(field) time.", location: field)
        default:
            throw GoogleError.invalid("Invalid \(field) time.")
        }
    }

    /// The JSON Google answers: a `date`, or a `dateTime` with the offset of `zone` (the response's zone) and the
    /// event's own `timeZone` when it named one.
    func json(in zone: TimeZone) -> JSONValue {
        switch self {
        case .date(let date):
            return ["date": .string(date.description)]
        case .dateTime(let instant, let name):
            var object: [String: JSONValue] = ["dateTime": .string(Self.format(instant, in: zone))]
            if let name { object["timeZone"] = .string(name) }
            return .object(object)
        }
    }

    /// `2026-03-02T09:00:00+01:00`, or `…Z` where the offset is zero.
    static func format(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let wall = LocalDateTime(instant, in: zone)
        guard offset != 0 else { return wall.description + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return wall.description + sign + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// `2026-03-01T08:12:44.918Z`, as `created` and `updated` read.
    static func formatMilliseconds(_ instant: Date) -> String {
        let milliseconds = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let whole = Date(timeIntervalSince1970: Double(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient))
        let fraction = ((milliseconds % 1000) + 1000) % 1000
        return String(Timestamp.format(whole).dropLast()) + String(format: ".%03dZ", fraction)
    }
}
