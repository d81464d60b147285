import Foundation

/// A wall-clock date and time with no zone, as Graph's `dateTimeTimeZone.dateTime` carries it.
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

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fffffff]]` (Graph writes 7 fractional digits). Fractions are dropped.
    public init?(_ text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = LocalDate(String(parts[0])) else { return nil }
        let timePart = parts[1].split(separator: ".", maxSplits: 1)[0]
        let hms = timePart.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60
        else { return nil }
        let s = hms.count == 3 ? Int(hms[2]) ?? 0 : 0
        guard s < 60 else { return nil }
        self.init(date: date, hour: h, minute: m, second: s)
    }

    public var description: String {
        String(format: "%@T%02d:%02d:%02d", date.description, hour, minute, second)
    }

    /// Graph's request form, e.g. `2026-03-02T09:00:00`.
    public var graphString: String { description }

    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.hour, a.minute, a.second) < (b.date, b.hour, b.minute, b.second)
    }

    /// The wall clock of an instant in a zone (seconds truncated).
    public init(_ instant: Date, in zone: TimeZone) {
        let local = Int((instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))).rounded(.down))
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        self.init(date: LocalDate(daysSinceEpoch: days), hour: secondOfDay / 3_600, minute: secondOfDay % 3_600 / 60,
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
