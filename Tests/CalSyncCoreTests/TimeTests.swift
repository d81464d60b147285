import Foundation
import Testing

@testable import CalSyncCore

@Suite struct TimeTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let la = TimeZone(identifier: "America/Los_Angeles")!

    /// Bounds taken around each reading, so a stall of the test process (a loaded machine) cannot fail it.
    @Test func theSteadyClockStartsAtTheSystemTimeAndNeverGoesBack() async throws {
        let before = Date()
        let clock = SteadyWallClock()
        let first = clock.now()
        let after = Date()
        #expect(first >= before.addingTimeInterval(-0.001) && first <= after.addingTimeInterval(0.001))
        let mark = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(20))
        let second = clock.now()
        let elapsed = (ContinuousClock.now - mark).inSeconds
        #expect(second.timeIntervalSince(first) >= 0.02)
        #expect(second.timeIntervalSince(first) <= elapsed + (after.timeIntervalSince(before)) + 0.002)
    }

    @Test func localDateParsesAndRejects() {
        #expect(LocalDate("2026-03-29")?.description == "2026-03-29")
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-3-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-03-2x") == nil)
    }

    @Test func localDateArithmeticRoundTrips() {
        let d = LocalDate("2026-12-31")!
        #expect(d.adding(days: 1).description == "2027-01-01")
        #expect(LocalDate("2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate("2026-11-21")!.isoWeekday == 6)  // a Saturday
        #expect(LocalDate("2026-03-01")!.days(to: LocalDate("2026-04-01")!) == 31)
    }

    @Test func wallClockToInstantAcrossDST() {
        // Paris moves from +01:00 to +02:00 on 2026-03-29 at 02:00.
        let before = LocalDateTime(date: LocalDate("2026-03-29")!, hour: 1, minute: 30).instant(in: paris)
        let after = LocalDateTime(date: LocalDate("2026-03-29")!, hour: 9, minute: 0).instant(in: paris)
        #expect(Timestamp.format(before) == "2026-03-29T00:30:00Z")
        #expect(Timestamp.format(after) == "2026-03-29T07:00:00Z")
        // The skipped 02:30 moves forward by the gap.
        let gap = LocalDateTime(date: LocalDate("2026-03-29")!, hour: 2, minute: 30).instant(in: paris)
        #expect(Timestamp.format(gap) == "2026-03-29T01:30:00Z")
        // Back to +01:00 on 2026-10-25: 02:30 happens twice; the first is taken.
        let repeated = LocalDateTime(date: LocalDate("2026-10-25")!, hour: 2, minute: 30).instant(in: paris)
        #expect(Timestamp.format(repeated) == "2026-10-25T00:30:00Z")
        #expect(LocalDate("2026-07-01")!.startOfDay(in: la) == Timestamp.parse("2026-07-01T07:00:00Z"))
    }

    @Test func timestampParsesOffsetsAndFormatsUTC() {
        #expect(Timestamp.parse("2026-03-02T09:00:00+01:00").map(Timestamp.format) == "2026-03-02T08:00:00Z")
        #expect(Timestamp.parse("2026-03-02T09:00:00.5-05:30").map(Timestamp.format) == "2026-03-02T14:30:00Z")
        #expect(Timestamp.parse("2026-03-02T09:00:00Z").map(Timestamp.format) == "2026-03-02T09:00:00Z")
        #expect(Timestamp.parse("2026-03-02T09:00:00") == nil)
        #expect(Timestamp.parse("2026-03-02T09:00:00", requireOffset: false).map(Timestamp.format) == "2026-03-02T09:00:00Z")
        #expect(Timestamp.parse("not a time") == nil)
        #expect(Timestamp.parse("2026-03-02T25:00:00Z") == nil)
    }

    @Test func graphDateTimeWithSevenFractionDigits() {
        let wall = LocalDateTime("2017-08-29T04:00:00.0000000")
        #expect(wall?.hour == 4)
        #expect(wall?.date.description == "2017-08-29")
        #expect(LocalTime("09:05")?.minutesSinceMidnight == 545)
        #expect(LocalTime("9:05") == nil)
        #expect(LocalTime("24:00") == nil)
    }

    @Test func syncWindowIsWholeUTCDays() {
        let now = Timestamp.parse("2026-11-21T15:42:00Z")!
        let window = SyncWindow.window(at: now, pastDays: 1, futureDays: 180)
        #expect(Timestamp.format(window.start) == "2026-11-20T00:00:00Z")
        #expect(
            Timestamp.format(window.end)
                == Timestamp.format(LocalDate("2026-11-21")!.adding(days: 181).startOfDay(in: TimeZone(identifier: "UTC")!)))
        #expect(SyncWindow.window(at: now.addingTimeInterval(3600), pastDays: 1, futureDays: 180) == window)
    }
}

@Suite struct ExtremeTimeTests {
    @Test func instantsBeyondYear9999AreRefusedNotCrashed() {
        #expect(Timestamp.parse("9999-12-31T23:00:00-23:00") == nil)
        #expect(Timestamp.parse("0001-01-01T00:30:00+01:00") == nil)
        #expect(Timestamp.parse("9999-12-31T22:00:00Z") != nil)
        // The unbounded reading keeps them, so an API can tell "out of range" (422) from "malformed" (400).
        let yearZero = Timestamp.parseUnbounded("0001-01-01T00:30:00+01:00")
        #expect(yearZero == Timestamp.earliest.addingTimeInterval(-1_800))
        #expect(yearZero.map(Timestamp.isWritable) == false)
        #expect(Timestamp.parseUnbounded("0001-01-01T00:30:00") == nil)
        // Converting any finite instant never traps.
        let far = Date(timeIntervalSince1970: 400_000_000_000)
        _ = LocalDateTime(far, in: TimeZone(identifier: "Pacific/Kiritimati")!)
        _ = LocalDate(Date(timeIntervalSince1970: -70_000_000_000), in: TimeZone(identifier: "America/Los_Angeles")!)
        #expect(
            LocalDate(Timestamp.parse("2026-03-01T23:30:00Z")!, in: TimeZone(identifier: "Europe/Paris")!).description
                == "2026-03-02")
        #expect(
            LocalDateTime(Timestamp.parse("2026-07-01T10:15:30Z")!, in: TimeZone(identifier: "America/Los_Angeles")!).description
                == "2026-07-01T03:15:30")
    }
}
