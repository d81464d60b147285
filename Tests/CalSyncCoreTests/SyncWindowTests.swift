import Foundation
import Testing

@testable import CalSyncCore

/// The window a pull reads, and the part of time CalSync knows a person's calendar over.
@Suite struct SyncWindowTests {
    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    static func days(_ start: String, _ end: String) -> TimeRange {
        TimeRange(start: at("\(start)T00:00:00Z"), end: at("\(end)T00:00:00Z"))
    }

    static func settings(past: Int = 1, future: Int = 60) -> SyncSettings {
        var settings = SyncSettings()
        settings.pastDays = past
        settings.futureDays = future
        return settings
    }

    /// A pull state whose last completed round read `window` at `success`.
    static func state(_ window: TimeRange, success: Date?) -> SyncState {
        SyncState(
            integrationId: "m365", instructorId: "i-1", calendarId: "u-1", cursor: success == nil ? nil : SyncCursor("d"),
            windowStart: window.start, windowEnd: window.end, lastSuccessAt: success)
    }

    @Test func theWindowIsWholeUTCDaysFromTodayMinusPastDaysToTodayPlusFutureDays() {
        let now = Self.at("2026-03-02T12:00:00Z")
        #expect(SyncWindow.window(at: now, settings: Self.settings()) == Self.days("2026-03-01", "2026-05-02"))
        #expect(SyncWindow.window(at: now, settings: Self.settings(past: 0, future: 0)) == Self.days("2026-03-02", "2026-03-03"))
        #expect(
            SyncWindow.window(at: Self.at("2026-03-02T23:59:59Z"), settings: Self.settings()).end
                == Self.at("2026-05-02T00:00:00Z"))
        #expect(
            SyncWindow.window(at: Self.at("2026-03-03T00:00:00Z"), settings: Self.settings()).end
                == Self.at("2026-05-03T00:00:00Z"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let now: String
        let status: PersonSyncStatus
        /// The window the last completed round read (nil: no pull state); `success` false: never completed.
        let read: (String, String)?
        var success = true
        var settings = SyncWindowTests.settings()
        /// The known window expected, as UTC dates; nil: nothing known.
        let known: (String, String)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "pulled today: the whole window", now: "2026-03-02T12:00:00Z", status: .ok,
            read: ("2026-03-01", "2026-05-02"), known: ("2026-03-01", "2026-05-02")),
        Case(
            name: "just after the daily roll, before the next pull: the new last day is not known, the dropped first day neither",
            now: "2026-03-03T00:01:00Z", status: .ok, read: ("2026-03-01", "2026-05-02"),
            known: ("2026-03-02", "2026-05-02")),
        Case(
            name: "after the roll's pull", now: "2026-03-03T00:06:00Z", status: .ok, read: ("2026-03-02", "2026-05-03"),
            known: ("2026-03-02", "2026-05-03")),
        Case(
            name: "settings shrank since the last pull: only what they still ask for", now: "2026-03-02T12:00:00Z",
            status: .ok, read: ("2026-03-01", "2026-08-30"), known: ("2026-03-01", "2026-05-02")),
        Case(
            name: "settings grew since the last pull: only what was read", now: "2026-03-02T12:00:00Z", status: .ok,
            read: ("2026-03-01", "2026-05-02"), settings: settings(past: 7, future: 180), known: ("2026-03-01", "2026-05-02")),
        Case(
            name: "a one-day window after the roll: nothing in common", now: "2026-03-03T00:01:00Z", status: .ok,
            read: ("2026-03-02", "2026-03-03"), settings: settings(past: 0, future: 0), known: nil),
        Case(
            name: "a window read long ago", now: "2026-03-02T12:00:00Z", status: .ok, read: ("2025-01-01", "2025-03-01"),
            known: nil),
        Case(name: "no pull state", now: "2026-03-02T12:00:00Z", status: .ok, read: nil, known: nil),
        Case(
            name: "no round ever completed (a failed first pull stores the window it tried)", now: "2026-03-02T12:00:00Z",
            status: .ok, read: ("2026-03-01", "2026-05-02"), success: false, known: nil),
        Case(name: "stale", now: "2026-03-02T12:00:00Z", status: .stale, read: ("2026-03-01", "2026-05-02"), known: nil),
        Case(name: "error", now: "2026-03-02T12:00:00Z", status: .error, read: ("2026-03-01", "2026-05-02"), known: nil),
        Case(
            name: "unmatched", now: "2026-03-02T12:00:00Z", status: .unmatched, read: ("2026-03-01", "2026-05-02"),
            known: nil),
        Case(
            name: "disabled", now: "2026-03-02T12:00:00Z", status: .disabled, read: ("2026-03-01", "2026-05-02"),
            known: nil),
    ]

    @Test(arguments: cases) func theKnownWindow(_ c: Case) {
        let now = Self.at(c.now)
        let state = c.read.map { Self.state(Self.days($0.0, $0.1), success: c.success ? now.addingTimeInterval(-60) : nil) }
        let known = SyncWindow.known(status: c.status, state: state, settings: c.settings, at: now)
        #expect(known == c.known.map { Self.days($0.0, $0.1) })
    }
}
