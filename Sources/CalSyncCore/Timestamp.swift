import Foundation

/// RFC 3339 parsing and UTC formatting, without a shared formatter (ISO8601DateFormatter is not Sendable).
public enum Timestamp {
    /// Formats as `2026-03-02T08:00:00Z`.
    public static func format(_ instant: Date) -> String {
        let wall = LocalDateTime(instant, in: TimeZone(identifier: "UTC")!)
        return wall.description + "Z"
    }

    /// Parses RFC 3339 with a `Z` or `±HH:MM` offset; fractions are accepted and dropped.
    /// When `requireOffset` is false, a value without offset is read as UTC (Graph's calendarView rule).
    public static func parse(_ text: String, requireOffset: Bool = true) -> Date? {
        var body = Substring(text)
        var offsetSeconds = 0
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            body = body.dropLast()
        } else if body.count > 6, let sign = body.dropLast(5).last, sign == "+" || sign == "-",
            body.suffix(6).dropFirst().dropFirst(2).first == ":"
        {
            let tail = body.suffix(5)
            guard let h = Int(tail.prefix(2)), let m = Int(tail.suffix(2)), h < 24, m < 60 else { return nil }
            offsetSeconds = (h * 3600 + m * 60) * (sign == "+" ? 1 : -1)
            body = body.dropLast(6)
        } else if requireOffset {
            return nil
        }
        guard let wall = LocalDateTime(String(body)) else { return nil }
        let naive = wall.date.daysSinceEpoch * 86_400 + wall.hour * 3_600 + wall.minute * 60 + wall.second
        return Date(timeIntervalSince1970: Double(naive - offsetSeconds))
    }
}
