import Foundation

/// A wall-clock date and time with no zone, as calendar services write them beside a zone name.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init(date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fffffff]]` (some services write 7 fractional digits). Fractions are dropped.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse(UnsafeBufferPointer(rebasing: $0[...])) }) else { return nil }
        self = parsed
    }

    /// The same, on UTF-8 bytes (RFC 3339 readers hand over the bytes before the offset).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<start + count {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        let n = bytes.count
        guard n >= 16, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), hour < 24, minute < 60,
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        var second = 0
        if n > 16 {
            // `:SS`, then optionally `.` and one or more digits.
            guard n >= 19, bytes[16] == 0x3A, let s = number(17, 2), s < 60 else { return nil }
            second = s
            if n > 19 {
                guard n > 20, bytes[19] == 0x2E, Self.allDigits(bytes, from: 20) else { return nil }
            }
        }
        return LocalDateTime(date: date, hour: hour, minute: minute, second: second)
    }

    /// Whether every byte from `start` is an ASCII digit (a fraction may be longer than any Int holds).
    private static func allDigits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        bytes[start...].allSatisfy { (0x30...0x39).contains($0) }
    }

    /// e.g. `2026-03-02T09:00:00`.
    public var description: String {
        String(format: "%@T%02d:%02d:%02d", date.description, hour, minute, second)
    }

    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.hour, a.minute, a.second) < (b.date, b.hour, b.minute, b.second)
    }

    /// The wall clock of an instant in a zone (seconds truncated).
    public init(_ instant: Date, in zone: TimeZone) {
        let local = Int((instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))).rounded(.down))
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        self.init(
            date: LocalDate(daysSinceEpoch: days), hour: secondOfDay / 3_600, minute: secondOfDay % 3_600 / 60,
            second: secondOfDay % 60)
    }

    /// The instant this wall clock denotes in a zone. A time skipped by a DST change moves forward
    /// by the gap; a repeated time takes its first occurrence.
    public func instant(in zone: TimeZone) -> Date {
        let naive = Double(date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second)
        // Try the offsets in force around the naive instant; keep the one that round-trips.
        let candidates = [naive - 86_400, naive, naive + 86_400].map {
            Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: $0)))
        }
        var best: Date?
        for offset in Set(candidates).sorted(by: >) {
            let instant = Date(timeIntervalSince1970: naive - offset)
            if Double(zone.secondsFromGMT(for: instant)) == offset {
                if best == nil || instant < best! { best = instant }
            }
        }
        if let best { return best }
        // In a DST gap: the wall time does not exist; use the offset before the gap.
        let before = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86_400)))
        return Date(timeIntervalSince1970: naive - before)
    }
}
