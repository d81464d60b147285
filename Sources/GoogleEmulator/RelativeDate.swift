import CalSyncCore
import CalSyncHTTP
import Foundation

/// Dates relative to today in tenant files and side-door bodies, so a calendar always has something today:
/// `"date": "@+2"` is the day after tomorrow, `"dateTime": "@-1T09:30:00"` is 09:30 yesterday, both in the
/// calendar's zone (a `dateTime` without `timeZone` gets the calendar's). Anything else is left as written.
enum RelativeDate {
    static func resolve(_ fields: [String: JSONValue], zone: TimeZone, now: Date) -> [String: JSONValue] {
        var fields = fields
        let today = LocalDate(now, in: zone)
        for key in ["start", "end", "originalStartTime"] {
            guard var time = fields[key]?.objectValue else { continue }
            if let text = time["date"]?.stringValue, let offset = dayOffset(text), text.count == dayPrefixLength(text) {
                time["date"] = .string(today.adding(days: offset).description)
            }
            if let text = time["dateTime"]?.stringValue, let offset = dayOffset(text) {
                let rest = text.dropFirst(dayPrefixLength(text))
                if rest.hasPrefix("T"), let wall = LocalDateTime(today.adding(days: offset).description + rest) {
                    time["dateTime"] = .string(wall.description)
                    if time["timeZone"] == nil { time["timeZone"] = .string(zone.identifier) }
                }
            }
            fields[key] = .object(time)
        }
        return fields
    }

    /// The N of `@+N…` / `@-N…`.
    private static func dayOffset(_ text: String) -> Int? {
        guard text.hasPrefix("@+") || text.hasPrefix("@-") else { return nil }
        let digits = text.dropFirst(2).prefix { $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits), value < 100_000 else { return nil }
        return text.hasPrefix("@-") ? -value : value
    }

    private static func dayPrefixLength(_ text: String) -> Int {
        2 + text.dropFirst(2).prefix { $0.isNumber }.count
    }
}
