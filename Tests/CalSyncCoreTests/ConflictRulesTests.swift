import Foundation
import Testing

@testable import CalSyncCore

/// docs/product-rules.md, "Detect conflicts": an assignment overlapping a busy block of the person's own calendar, one of their
/// absences or another of their assignments is a conflict. Everything on 2026-03-02 (UTC) unless said.
@Suite struct ConflictRulesTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func at(_ time: String, day: String = "2026-03-02") -> Date { Timestamp.parse("\(day)T\(time):00Z")! }

    static func training(
        _ id: String, _ start: String, _ end: String, status: TrainingEvent.Status = .scheduled,
        instructors: [String] = ["i-1"]
    ) -> TrainingEvent {
        TrainingEvent(id: id, title: "Course", start: at(start), end: at(end), status: status, instructorIds: instructors)
    }

    static func block(_ start: String, _ end: String, showAs: ShowAs = .busy) -> BusyBlock {
        BusyBlock(
            integrationId: "int", instructorId: "i-1", externalId: "x-\(start)", start: at(start), end: at(end),
            showAs: showAs, isAllDay: false)
    }

    static let leave = Absence.Account(name: "Paid leave")
    static let remote = Absence.Account(name: "Home", countsAsAbsence: false, remoteWork: true)
    static let offsite = Absence.Account(name: "Client site", countsAsAbsence: false)

    /// An absence of i-1 from `first` (its `startHalf`) to `last` (its `endHalf`).
    static func absence(
        _ id: String = "a-1", _ first: String = "2026-03-02", _ startHalf: Absence.Half = .am,
        _ last: String = "2026-03-02", _ endHalf: Absence.Half = .pm, status: Absence.Status = .approved,
        account: Absence.Account = leave
    ) -> Absence {
        Absence(
            id: id, personId: "i-1", account: account, start: .init(date: LocalDate(first)!, half: startHalf),
            end: .init(date: LocalDate(last)!, half: endHalf), status: status)
    }

    /// "t-1 × absence a-1 [start, end)" for compact expectations.
    static func text(_ conflict: Conflict) -> String {
        "\(conflict.eventId) × \(conflict.withKind.rawValue) \(conflict.withRef ?? "-") \(conflict.withRange)"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var events: [TrainingEvent] = [ConflictRulesTests.training("t-1", "09:00", "12:00")]
        var blocks: [BusyBlock] = []
        var absences: [Absence] = []
        let expected: [String]
        var testDescription: String { name }
    }

    /// The assignment is t-1, 09:00–12:00, unless a case says otherwise. Default workday 09:00–17:30, half days
    /// 09:00–12:30 and 13:30–17:30.
    static let cases: [Case] = [
        Case(name: "nothing else that day", expected: []),
        Case(
            name: "training over an approved absence", absences: [absence()],
            expected: ["t-1 × absence a-1 [2026-03-02T00:00:00Z, 2026-03-03T00:00:00Z)"]),
        Case(
            name: "training over a morning off", absences: [absence("a-1", "2026-03-02", .am, "2026-03-02", .am)],
            expected: ["t-1 × absence a-1 [2026-03-02T09:00:00Z, 2026-03-02T12:30:00Z)"]),
        Case(
            name: "training over a pending absence (tentative) is still a conflict",
            absences: [absence(status: .pending)],
            expected: ["t-1 × absence a-1 [2026-03-02T00:00:00Z, 2026-03-03T00:00:00Z)"]),
        Case(
            name: "training over a day working elsewhere", absences: [absence(account: offsite)],
            expected: ["t-1 × absence a-1 [2026-03-02T00:00:00Z, 2026-03-03T00:00:00Z)"]),
        Case(
            name: "cancelled, denied or remote-work absences are no conflict",
            absences: [
                absence("a-c", status: .cancelled), absence("a-d", status: .denied),
                absence("a-r", account: remote), absence("a-rp", status: .pending, account: remote),
            ],
            expected: []),
        Case(
            name: "training over an external block", blocks: [block("11:00", "13:00")],
            expected: ["t-1 × external - [2026-03-02T11:00:00Z, 2026-03-02T13:00:00Z)"]),
        Case(
            name: "training over a tentative external block (stored blocks all count)",
            blocks: [block("08:00", "09:30", showAs: .tentative)],
            expected: ["t-1 × external - [2026-03-02T08:00:00Z, 2026-03-02T09:30:00Z)"]),
        Case(
            name: "training over another assignment: one conflict from each side",
            events: [training("t-1", "09:00", "12:00"), training("t-2", "11:30", "14:00")],
            expected: [
                "t-1 × training t-2 [2026-03-02T11:30:00Z, 2026-03-02T14:00:00Z)",
                "t-2 × training t-1 [2026-03-02T09:00:00Z, 2026-03-02T12:00:00Z)",
            ]),
        Case(
            name: "touching but not overlapping is no conflict",
            events: [training("t-1", "09:00", "12:00"), training("t-2", "12:00", "13:30")],
            blocks: [block("08:00", "09:00"), block("13:30", "14:00")],
            absences: [absence("a-pm", "2026-03-02", .pm, "2026-03-02", .pm)],  // 13:30–17:30
            expected: []),
        Case(
            name: "a cancelled training event conflicts with nothing",
            events: [training("t-1", "09:00", "12:00", status: .cancelled), training("t-2", "10:00", "11:00")],
            blocks: [block("09:00", "12:00")], absences: [absence()],
            expected: [
                "t-2 × absence a-1 [2026-03-02T00:00:00Z, 2026-03-03T00:00:00Z)",
                "t-2 × external - [2026-03-02T09:00:00Z, 2026-03-02T12:00:00Z)",
            ]),
        Case(
            name: "someone else's assignment is not this person's",
            events: [training("t-1", "09:00", "12:00"), training("t-2", "10:00", "11:00", instructors: ["i-2"])],
            expected: []),
        Case(
            name: "an absence on another day", absences: [absence("a-1", "2026-03-03", .am, "2026-03-04", .pm)],
            expected: []),
    ]

    @Test(arguments: cases) func conflicts(_ c: Case) {
        let found = ConflictRules.conflicts(
            instructorId: "i-1", events: c.events, blocks: c.blocks, absences: c.absences,
            settings: SyncSettings(), zone: Self.utc)
        #expect(found.map(Self.text) == c.expected)
        #expect(found.allSatisfy { $0.instructorId == "i-1" })
    }

    @Test func conflictsListByAssignmentThenByTheOtherSide() {
        // Given in no particular order; listed by the assignment's start and id, then the other side's start,
        // then external before absence before training.
        let events = [
            Self.training("t-b", "10:00", "16:00"), Self.training("t-a", "10:00", "11:00"),
            Self.training("t-0", "08:00", "09:00"),
        ]
        let found = ConflictRules.conflicts(
            instructorId: "i-1", events: events, blocks: [Self.block("15:00", "18:00"), Self.block("08:30", "10:30")],
            absences: [Self.absence("a-1", "2026-03-02", .am, "2026-03-02", .am)], settings: SyncSettings(), zone: Self.utc)
        #expect(
            found.map { "\($0.eventId) × \($0.withKind.rawValue) \($0.withRef ?? "-")" } == [
                "t-0 × external -",  // 08:30
                "t-a × external -",  // 08:30
                "t-a × absence a-1",  // 09:00
                "t-a × training t-b",  // 10:00
                "t-b × external -",  // 08:30
                "t-b × absence a-1",  // 09:00
                "t-b × training t-a",  // 10:00
                "t-b × external -",  // 15:00
            ])
        #expect(found == found.sorted(by: Conflict.precedes))
        let reversed = ConflictRules.conflicts(
            instructorId: "i-1", events: events.reversed(), blocks: [Self.block("08:30", "10:30"), Self.block("15:00", "18:00")],
            absences: [Self.absence("a-1", "2026-03-02", .am, "2026-03-02", .am)], settings: SyncSettings(), zone: Self.utc)
        #expect(reversed == found)
    }

    @Test func absencesAreReadInTheMailboxZoneAtTheIntegrationsHours() {
        // 2026-03-03 all day in Paris is 2026-03-02T23:00Z – 2026-03-03T23:00Z.
        let paris = TimeZone(identifier: "Europe/Paris")!
        let late = Self.training("t-late", "23:30", "23:45")
        let day = Self.absence("a-1", "2026-03-03", .am, "2026-03-03", .pm)
        #expect(
            ConflictRules.conflicts(
                instructorId: "i-1", events: [late], blocks: [], absences: [day],
                settings: SyncSettings(), zone: paris
            ).map(Self.text)
                == ["t-late × absence a-1 [2026-03-02T23:00:00Z, 2026-03-03T23:00:00Z)"])
        #expect(
            ConflictRules.conflicts(
                instructorId: "i-1", events: [late], blocks: [], absences: [day],
                settings: SyncSettings(), zone: Self.utc
            ).isEmpty)
        // A morning off ending at 11:00 (Paris) leaves an 11:00 UTC (noon Paris) course free of it.
        var settings = SyncSettings()
        settings.halfDay.amEnd = LocalTime(hour: 11, minute: 0)!
        let morning = Self.absence("a-am", "2026-03-02", .am, "2026-03-02", .am)
        #expect(
            ConflictRules.conflicts(
                instructorId: "i-1", events: [Self.training("t-1", "11:00", "12:00")], blocks: [],
                absences: [morning], settings: settings, zone: paris
            ).isEmpty)
        #expect(
            ConflictRules.conflicts(
                instructorId: "i-1", events: [Self.training("t-1", "09:30", "10:30")], blocks: [],
                absences: [morning], settings: settings, zone: paris
            ).map(Self.text)
                == ["t-1 × absence a-am [2026-03-02T08:00:00Z, 2026-03-02T10:00:00Z)"])
    }

    @Test func theAssignmentsAreThePersonsScheduledEvents() {
        let events = [
            Self.training("t-1", "09:00", "10:00"), Self.training("t-2", "09:00", "10:00", status: .cancelled),
            Self.training("t-3", "09:00", "10:00", instructors: ["i-2", "i-1"]),
            Self.training("t-4", "09:00", "10:00", instructors: ["i-2"]),
        ]
        #expect(ConflictRules.assignments(of: "i-1", in: events).map(\.id) == ["t-1", "t-3"])
    }
}
