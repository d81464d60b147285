import CalSyncCore
import Foundation

/// An event's `recurrence` (RFC 5545 lines): one `RRULE` with `FREQ` DAILY, WEEKLY (with `BYDAY`), MONTHLY (same day
/// of month) or YEARLY, `INTERVAL`, `COUNT` or `UNTIL`, `WKST`; plus `EXDATE` lines. Other rule parts are refused
/// with 400 rather than expanded wrongly.
struct GoogleRecurrence: Sendable, Hashable {
    enum Frequency: String, Sendable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: Date?
    /// ISO weekdays (1 = Monday) for WEEKLY; empty means the weekday of the first occurrence.
    var weekdays: Set<Int> = []
    /// Excluded occurrence starts (as instants; dates at midnight UTC for all-day series).
    var excluded: Set<Date> = []

    static let weekdayNames = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]

    static func parse(_ lines: [String]) throws(GoogleError) -> GoogleRecurrence {
        var rule: GoogleRecurrence?
        var excluded: Set<Date> = []
        for line in lines {
            let upper = line.uppercased()
            if upper.hasPrefix("RRULE:") {
                guard rule == nil else { throw invalid }
                rule = try parseRule(String(line.dropFirst(6)))
            } else if upper.hasPrefix("EXDATE") {
                guard let colon = line.firstIndex(of: ":") else { throw invalid }
                for value in line[line.index(after: colon)...].split(separator: ",") {
                    guard let date = Self.parseRFC5545(String(value), parameters: String(line[..<colon])) else { throw invalid }
                    excluded.insert(date)
                }
            } else {
                throw invalid
            }
        }
        guard var rule else { throw invalid }
        rule.excluded = excluded
        return rule
    }

    private static let invalid = GoogleError.invalid("Invalid recurrence rule.")

    private static func parseRule(_ text: String) throws(GoogleError) -> GoogleRecurrence {
        var fields: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).uppercased() }
            guard pair.count == 2, fields[pair[0]] == nil else { throw invalid }
            fields[pair[0]] = pair[1]
        }
        guard let name = fields.removeValue(forKey: "FREQ"), let frequency = Frequency(rawValue: name) else { throw invalid }
        var rule = GoogleRecurrence(frequency: frequency)
        if let text = fields.removeValue(forKey: "INTERVAL") {
            // Bounded so that period arithmetic cannot overflow (a real rule never comes near).
            guard let n = Int(text), (1...1000).contains(n) else { throw invalid }
            rule.interval = n
        }
        if let text = fields.removeValue(forKey: "COUNT") {
            guard let n = Int(text), n >= 1 else { throw invalid }
            rule.count = n
        }
        if let text = fields.removeValue(forKey: "UNTIL") {
            guard rule.count == nil, let until = parseRFC5545(text, parameters: "") else { throw invalid }
            rule.until = until
        }
        if let text = fields.removeValue(forKey: "BYDAY") {
            guard frequency == .weekly else { throw invalid }
            for day in text.split(separator: ",") {
                guard let weekday = weekdayNames[String(day)] else { throw invalid }
                rule.weekdays.insert(weekday)
            }
        }
        if let start = fields.removeValue(forKey: "WKST"), weekdayNames[start] == nil { throw invalid }
        guard fields.isEmpty else { throw invalid }
        return rule
    }

    /// `20260304T090000Z`, `20260304T090000` (in the `TZID=` of `parameters`, else UTC) or `20260304` (UTC midnight).
    static func parseRFC5545(_ text: String, parameters: String) -> Date? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 8 || digits.count == 14, let year = Int(digits.prefix(4)),
            let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.dropFirst(6).prefix(2)),
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        guard digits.count == 14 else { return date.startOfDay(in: TimeZone(identifier: "UTC")!) }
        guard let hour = Int(digits.dropFirst(8).prefix(2)), let minute = Int(digits.dropFirst(10).prefix(2)),
            let second = Int(digits.dropFirst(12)), hour < 24, minute < 60, second < 60
        else { return nil }
        let wall = LocalDateTime(date: date, hour: hour, minute: minute, second: second)
        let zoneName = parameters.split(separator: ";").first { $0.uppercased().hasPrefix("TZID=") }.map {
            String($0.dropFirst(5))
        }
        let zone =
            text.hasSuffix("Z")
            ? TimeZone(identifier: "UTC")! : zoneName.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        return wall.instant(in: zone)
    }
}
