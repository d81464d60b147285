import Foundation
import Testing

@testable import CalSyncCore

@Suite struct TimestampFormatTests {
    /// The calendar's reading of an instant in UTC, the reference the fast formatter must match.
    static func reference(_ instant: Date) -> String {
        LocalDateTime(instant, in: TimeZone(identifier: "UTC")!).description + "Z"
    }

    @Test func matchesTheCalendarOverManyInstants() {
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = [
            // 951_782_400 is 2000-02-29.
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 951_782_400),
            Timestamp.parse("2026-12-31T23:59:59Z")!, Timestamp.parse("1600-03-01T00:00:00Z")!,
            Timestamp.parse("9999-12-31T23:59:59Z")!, Date(timeIntervalSince1970: 1_772_442_000.75),
        ]
        for _ in 0..<2_000 {
            instants.append(
                Date(timeIntervalSince1970: Double(Int64.random(in: -11_670_912_000...253_402_300_799, using: &generator))))
        }
        for instant in instants {
            #expect(Timestamp.format(instant) == Self.reference(instant), "\(instant.timeIntervalSince1970)")
        }
    }

    /// Before 1582 the calendar turns Julian; the formatter stays proleptic Gregorian like `Timestamp.parse`.
    @Test func roundTripsWithParseOverTheWholeRange() {
        for text in ["0001-01-01T00:00:00Z", "1200-02-29T12:00:00Z", "1582-10-04T23:59:59Z", "2024-02-29T00:00:00Z"] {
            #expect(Timestamp.format(Timestamp.parse(text)!) == text)
        }
    }

    @Test func examples() {
        #expect(Timestamp.format(Timestamp.parse("2026-03-02T09:00:00+01:00")!) == "2026-03-02T08:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1.9)) == "1970-01-01T00:00:01Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }
}
