import Foundation

/// RFC 3339 parsing and UTC formatting, without a shared formatter (ISO8601DateFormatter is not Sendable).
public enum Timestamp {
    /// 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the range RFC 3339 can write.
    public static let earliest = Date(
        timeIntervalSince1970: Double(LocalDate(year: 1, month: 1, day: 1)!.daysSinceEpoch) * 86_400)
    public static let latest = Date(
        timeIntervalSince1970: Double(LocalDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch + 1) * 86_400)

    /// Formats as `2026-03-02T08:00:00Z` (fractions of a second are cut, as a UTC calendar reads them).
    ///
    /// Plain arithmetic on purpose: availability answers format hundreds of instants each, and the
    /// `Calendar` + `String(format:)` route cost several microseconds per instant on Linux.
    public static func format(_ instant: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        append(instant, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `format(instant)` (JSON writers skip the intermediate String).
    public static func append(_ instant: Date, to bytes: inout [UInt8]) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let date = LocalDate(daysSinceEpoch: days)
        let secondOfDay = seconds - days * 86_400
        func two(_ value: Int) {
            bytes.append(UInt8(truncatingIfNeeded: 48 + value / 10))
            bytes.append(UInt8(truncatingIfNeeded: 48 + value % 10))
        }
        two(date.year / 100)
        two(date.year % 100)
        bytes.append(0x2D)
        two(date.month)
        bytes.append(0x2D)
        two(date.day)
        bytes.append(0x54)
        two(secondOfDay / 3600)
        bytes.append(0x3A)
        two(secondOfDay / 60 % 60)
        bytes.append(0x3A)
        two(secondOfDay % 60)
        bytes.append(0x5A)
    }

    /// Parses RFC 3339 with a `Z` or `±HH:MM` offset; fractions are accepted and dropped.
    /// When `requireOffset` is false, a value without offset is read as UTC (as calendar services read a time without an offset).
    public static func parse(_ text: String, requireOffset: Bool = true) -> Date? {
        guard let instant = parseUnbounded(text, requireOffset: requireOffset) else { return nil }
        // Only instants whose UTC date is itself writable as YYYY (years 1–9999) are accepted.
        guard isWritable(instant) else { return nil }
        return instant
    }

    /// Whether the UTC date of `instant` falls in years 1–9999.
    public static func isWritable(_ instant: Date) -> Bool {
        instant >= earliest && instant < latest
    }

    /// Like `parse`, but keeps an instant an offset pushed outside years 1–9999 (`0001-01-01T00:00:00+01:00`),
    /// so callers can tell a malformed text from a well-formed one out of range.
    public static func parseUnbounded(_ text: String, requireOffset: Bool = true) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var end = bytes.count
            var offsetSeconds = 0
            if end > 0, bytes[end - 1] | 0x20 == 0x7A {  // Z or z
                end -= 1
            } else if end > 6, bytes[end - 6] == 0x2B || bytes[end - 6] == 0x2D, bytes[end - 3] == 0x3A {
                func twoDigits(at index: Int) -> Int? {
                    let tens = Int(bytes[index]) - 48
                    let ones = Int(bytes[index + 1]) - 48
                    return (0...9).contains(tens) && (0...9).contains(ones) ? tens * 10 + ones : nil
                }
                guard let hours = twoDigits(at: end - 5), let minutes = twoDigits(at: end - 2), hours < 24, minutes < 60
                else { return nil }
                offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[end - 6] == 0x2B ? 1 : -1)
                end -= 6
            } else if requireOffset {
                return nil
            }
            guard let wall = LocalDateTime.parse(UnsafeBufferPointer(rebasing: bytes[..<end])) else { return nil }
            let naive = wall.date.daysSinceEpoch * 86_400 + wall.hour * 3_600 + wall.minute * 60 + wall.second
            return Date(timeIntervalSince1970: Double(naive - offsetSeconds))
        }
    }
}
