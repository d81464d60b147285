import Foundation
import Testing

@testable import CalSyncCore

@Suite struct AbsenceRulesTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let la = TimeZone(identifier: "America/Los_Angeles")!

    func absence(
        _ start: String, _ startHalf: Absence.Half, _ end: String, _ endHalf: Absence.Half,
        status: Absence.Status = .approved, account: Absence.Account = .init(name: "Paid leave")
    ) -> Absence {
        Absence(
            id: "a-1", personId: "i-1", account: account, start: .init(date: LocalDate(start)!, half: startHalf),
            end: .init(date: LocalDate(end)!, half: endHalf), status: status)
    }

    func shapes(_ a: Absence, _ settings: SyncSettings = SyncSettings()) -> [String] {
        AbsenceRules.segments(of: a, settings: settings).map { s in
            switch s.shape {
            case .allDay(let first, let last): "\(s.part): all day \(first)…\(last)"
            case .timed(let date, let from, let to): "\(s.part): \(date) \(from)–\(to)"
            }
        }
    }

    @Test(arguments: [
        // (start, half, end, half) → segments
        ("2026-03-02", Absence.Half.am, "2026-03-04", Absence.Half.pm, ["days: all day 2026-03-02…2026-03-04"]),
        ("2026-03-02", .am, "2026-03-02", .pm, ["days: all day 2026-03-02…2026-03-02"]),
        ("2026-03-02", .am, "2026-03-02", .am, ["am: 2026-03-02 09:00–12:30"]),
        ("2026-03-02", .pm, "2026-03-02", .pm, ["pm: 2026-03-02 13:30–17:30"]),
        (
            "2026-03-02", .pm, "2026-03-04", .am,
            [
                "pm: 2026-03-02 13:30–17:30", "days: all day 2026-03-03…2026-03-03",
                "am: 2026-03-04 09:00–12:30",
            ]
        ),
        ("2026-03-02", .pm, "2026-03-03", .am, ["pm: 2026-03-02 13:30–17:30", "am: 2026-03-03 09:00–12:30"]),
        ("2026-03-02", .am, "2026-03-03", .am, ["days: all day 2026-03-02…2026-03-02", "am: 2026-03-03 09:00–12:30"]),
        ("2026-03-03", .am, "2026-03-02", .pm, []),
    ])
    func wholeDaysAndHalfDays(start: String, startHalf: Absence.Half, end: String, endHalf: Absence.Half, expected: [String]) {
        #expect(shapes(absence(start, startHalf, end, endHalf)) == expected)
    }

    @Test func oneDayAsATimedEntryWhenAsked() {
        var settings = SyncSettings()
        settings.wholeDaysAsTimedEntries = true
        #expect(shapes(absence("2026-03-02", .am, "2026-03-02", .pm), settings) == ["day: 2026-03-02 09:00–17:30"])
        // Runs of several days stay all-day events.
        #expect(shapes(absence("2026-03-02", .am, "2026-03-03", .pm), settings) == ["days: all day 2026-03-02…2026-03-03"])
    }

    @Test func labels() {
        var settings = SyncSettings()
        #expect(AbsenceRules.label(for: absence("2026-03-02", .am, "2026-03-02", .pm), settings: settings) == "Absent")
        let withPublicReason = absence(
            "2026-03-02", .am, "2026-03-02", .pm, account: .init(name: "Training day", publicReason: true))
        #expect(AbsenceRules.label(for: withPublicReason, settings: settings) == "Training day")
        settings.hideLabels = false
        #expect(AbsenceRules.label(for: absence("2026-03-02", .am, "2026-03-02", .pm), settings: settings) == "Paid leave")
    }

    static let leave = Absence.Account(name: "Paid leave")
    static let remote = Absence.Account(name: "Remote", countsAsAbsence: false, remoteWork: true)
    static let offsite = Absence.Account(name: "Client site", countsAsAbsence: false)

    /// docs/product-rules.md, "Status" then "Show as": pending is tentative whatever the account; approved follows the account.
    @Test(arguments: [
        // (status, account, absenceShowAs) → the event's show-as
        (Absence.Status.approved, leave, "busy", ShowAs.busy),
        (.approved, leave, "oof", .oof),
        (.approved, remote, "busy", .free),
        (.approved, remote, "oof", .free),
        (.approved, offsite, "busy", .workingElsewhere),
        (.pending, leave, "busy", .tentative),
        (.pending, leave, "oof", .tentative),
        (.pending, remote, "busy", .tentative),
        (.pending, offsite, "busy", .tentative),
    ])
    func showAs(status: Absence.Status, account: Absence.Account, absenceShowAs: String, expected: ShowAs) {
        var settings = SyncSettings()
        settings.absenceShowAs = absenceShowAs
        let day = absence("2026-03-02", .am, "2026-03-02", .pm, status: status, account: account)
        #expect(AbsenceRules.showAs(for: day, settings: settings) == expected)
    }

    @Test func aPendingRemoteWorkDayIsATentativeEventThenFreeOnceApproved() {
        func events(_ status: Absence.Status) -> [OutgoingEvent] {
            AbsenceRules.outgoing(
                for: absence("2026-03-02", .am, "2026-03-02", .pm, status: status, account: Self.remote),
                integrationId: "int", settings: SyncSettings(), calendarZone: paris
            ).map(\.event)
        }
        #expect(events(.pending).map(\.showAs) == [.tentative])
        #expect(events(.pending).map(\.bodyText) == ["Absence requested, awaiting approval. Managed by CalSync."])
        #expect(events(.approved).map(\.showAs) == [.free])
    }

    @Test func pendingThenApprovedKeepsTheSameKeysAndCancelledHasNone() {
        let pending = AbsenceRules.outgoing(
            for: absence("2026-03-02", .pm, "2026-03-04", .am, status: .pending),
            integrationId: "int", settings: SyncSettings(), calendarZone: paris)
        let approved = AbsenceRules.outgoing(
            for: absence("2026-03-02", .pm, "2026-03-04", .am),
            integrationId: "int", settings: SyncSettings(), calendarZone: paris)
        #expect(pending.map(\.key) == approved.map(\.key))
        #expect(pending.map(\.key.itemId) == ["a-1~pm", "a-1~days", "a-1~am"])
        #expect(pending.allSatisfy { $0.event.showAs == .tentative })
        #expect(approved.allSatisfy { $0.event.showAs == .busy })
        #expect(approved[1].event.isAllDay)
        #expect(approved[1].event.time == .allDay(first: LocalDate("2026-03-03")!, end: LocalDate("2026-03-04")!))
        #expect(approved[1].event.zone == "Europe/Paris")
        #expect(approved[0].event.wallClock.start.description == "2026-03-02T13:30:00")
        #expect(approved[0].event.wallClock.end.description == "2026-03-02T17:30:00")
        #expect(AbsenceRules.absenceId(ofItem: "a-1~pm") == "a-1")
        for status in [Absence.Status.cancelled, .denied] {
            #expect(
                AbsenceRules.outgoing(
                    for: absence("2026-03-02", .am, "2026-03-02", .pm, status: status), integrationId: "int",
                    settings: SyncSettings(), calendarZone: paris
                ).isEmpty)
        }
    }

    @Test(arguments: ["2026-03-29", "2026-10-25"])
    func parisHalfDaysOnTheDSTChangeDays(day: String) {
        // The clocks change at 02:00/03:00: the morning is still 09:00–12:30 local, whatever the offset.
        let morning = AbsenceRules.segments(of: absence(day, .am, day, .am), settings: SyncSettings())[0].range(in: paris)
        let afternoon = AbsenceRules.segments(of: absence(day, .pm, day, .pm), settings: SyncSettings())[0].range(in: paris)
        let offset = day == "2026-03-29" ? 2 : 1  // summer time after the March change, winter time after October's
        #expect(Timestamp.format(morning.start) == "\(day)T\(String(format: "%02d", 9 - offset)):00:00Z")
        #expect(Timestamp.format(morning.end) == "\(day)T\(String(format: "%02d", 12 - offset)):30:00Z")
        #expect(Timestamp.format(afternoon.start) == "\(day)T\(String(format: "%02d", 13 - offset)):30:00Z")
        #expect(Timestamp.format(afternoon.end) == "\(day)T\(String(format: "%02d", 17 - offset)):30:00Z")
    }

    @Test func losAngelesMultiDayAbsence() {
        // Across the US DST change of 2026-03-08.
        let segments = AbsenceRules.segments(of: absence("2026-03-06", .am, "2026-03-10", .pm), settings: SyncSettings())
        #expect(segments.count == 1)
        let range = segments[0].range(in: la)
        #expect(Timestamp.format(range.start) == "2026-03-06T08:00:00Z")  // PST, UTC−8
        #expect(Timestamp.format(range.end) == "2026-03-11T07:00:00Z")  // PDT, UTC−7
        #expect(range.duration == 5 * 86_400 - 3_600)
    }
}

@Suite struct AbsenceAvailabilityTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func absence(status: Absence.Status, account: Absence.Account = .init(name: "Paid leave")) -> Absence {
        Absence(
            id: "a-1", personId: "i-1", account: account, start: .init(date: LocalDate("2026-03-02")!, half: .pm),
            end: .init(date: LocalDate("2026-03-03")!, half: .pm), status: status)
    }

    @Test(arguments: [
        (Absence.Status.pending, Absence.Account(name: "Paid leave"), ["tentative", "tentative"]),
        (.approved, Absence.Account(name: "Paid leave"), ["busy", "busy"]),
        (.approved, Absence.Account(name: "Trip", countsAsAbsence: false), ["workingElsewhere", "workingElsewhere"]),
        (.approved, Absence.Account(name: "Home", remoteWork: true), []),
        (.pending, Absence.Account(name: "Home", remoteWork: true), []),
        (.pending, Absence.Account(name: "Trip", countsAsAbsence: false), ["tentative", "tentative"]),
        (.cancelled, Absence.Account(name: "Paid leave"), []),
        (.denied, Absence.Account(name: "Paid leave"), []),
    ])
    func busyTime(status: Absence.Status, account: Absence.Account, expected: [String]) {
        let intervals = AbsenceRules.busyIntervals(
            for: absence(status: status, account: account), settings: SyncSettings(), zone: paris)
        #expect(intervals.map(\.showAs.rawValue) == expected)
        #expect(intervals.allSatisfy { $0.kind == .absence && $0.ref == "a-1" })
    }

    @Test func segmentsInTheMailboxZone() {
        let intervals = AbsenceRules.busyIntervals(for: absence(status: .approved), settings: SyncSettings(), zone: paris)
        // 2026-03-02 13:30–17:30 Paris (UTC+1), then 2026-03-03 all day in Paris.
        #expect(intervals.map(\.start) == [Timestamp.parse("2026-03-02T12:30:00Z")!, Timestamp.parse("2026-03-02T23:00:00Z")!])
        #expect(intervals.map(\.end) == [Timestamp.parse("2026-03-02T16:30:00Z")!, Timestamp.parse("2026-03-03T23:00:00Z")!])
        #expect(intervals.map(\.isAllDay) == [false, true])
    }

    @Test func zoneFallbacks() {
        #expect(
            AbsenceRules.calendarZone(calendarTimeZone: "Europe/Paris", personTimeZone: "Asia/Tokyo").identifier == "Europe/Paris"
        )
        #expect(AbsenceRules.calendarZone(calendarTimeZone: nil, personTimeZone: "Asia/Tokyo").identifier == "Asia/Tokyo")
        #expect(AbsenceRules.calendarZone(calendarTimeZone: nil, personTimeZone: nil).secondsFromGMT() == 0)
    }
}
