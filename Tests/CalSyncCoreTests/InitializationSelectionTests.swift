import Foundation
import Testing

@testable import CalSyncCore

/// docs/product-rules.md, "Initialization (batch sync)": from a date, for chosen establishments, every absence and training event
/// ending on or after that date; the answer says how many items were found.
@Suite struct InitializationSelectionTests {
    static let since = LocalDate("2026-03-02")!

    static func selection(covered: [String], chosen: [String] = [], since: LocalDate = since) -> InitializationSelection {
        InitializationSelection(since: since, chosen: chosen, covered: covered)
    }

    // MARK: - People

    @Test(arguments: [
        // (covered, chosen, the person's establishment) → taken?
        ([String](), [String](), "paris" as String?, true),
        ([], [], nil, true),  // every establishment covered, none chosen: a person without one too
        ([], ["paris"], "paris", true),
        ([], ["paris"], "lyon", false),
        ([], ["paris"], nil, false),
        (["paris", "lyon"], [], "lyon", true),  // none chosen = every covered one
        (["paris", "lyon"], [], "berlin", false),
        (["paris", "lyon"], [], nil, false),
        (["paris", "lyon"], ["lyon"], "lyon", true),
        (["paris", "lyon"], ["lyon"], "paris", false),
        (["paris"], ["berlin"], "berlin", false),  // chosen but not covered: never (the API refuses such a choice)
    ])
    func people(covered: [String], chosen: [String], establishment: String?, taken: Bool) {
        #expect(Self.selection(covered: covered, chosen: chosen).takes(establishment: establishment) == taken)
    }

    @Test(arguments: [
        // (chosen, covered) → the position of the first chosen establishment not covered
        ([String](), [String](), nil as Int?),
        (["berlin"], [], nil),  // covering every establishment covers any choice
        (["paris", "lyon"], ["paris", "lyon"], nil),
        (["lyon", "berlin", "rome"], ["paris", "lyon"], 1),
        (["Paris"], ["paris"], 0),
    ])
    func uncoveredChoices(chosen: [String], covered: [String], expected: Int?) {
        #expect(InitializationSelection.firstUncovered(chosen, covered: covered) == expected)
    }

    // MARK: - Training events: the last day in the event's own zone

    struct EventCase: Sendable, CustomTestStringConvertible {
        let name: String
        let start: String
        let end: String
        let zone: String
        let lastDay: String
        var testDescription: String { name }
    }

    static let eventCases: [EventCase] = [
        EventCase(
            name: "UTC, during the day", start: "2026-03-02T08:00:00Z", end: "2026-03-02T10:00:00Z", zone: "UTC",
            lastDay: "2026-03-02"),
        EventCase(
            name: "UTC, a minute before midnight", start: "2026-03-01T22:00:00Z", end: "2026-03-01T23:59:00Z",
            zone: "UTC", lastDay: "2026-03-01"),
        EventCase(
            name: "UTC, ending exactly at midnight ended the day before", start: "2026-03-01T22:00:00Z",
            end: "2026-03-02T00:00:00Z", zone: "UTC", lastDay: "2026-03-01"),
        EventCase(
            name: "UTC, a second after midnight", start: "2026-03-01T22:00:00Z", end: "2026-03-02T00:00:01Z",
            zone: "UTC", lastDay: "2026-03-02"),
        EventCase(
            name: "Paris: 23:30Z is 00:30 the next day", start: "2026-03-01T22:00:00Z", end: "2026-03-01T23:30:00Z",
            zone: "Europe/Paris", lastDay: "2026-03-02"),
        EventCase(
            name: "Paris: 23:00Z is local midnight, the day before", start: "2026-03-01T20:00:00Z",
            end: "2026-03-01T23:00:00Z", zone: "Europe/Paris", lastDay: "2026-03-01"),
        EventCase(
            name: "Los Angeles: 03:00Z is 19:00 the evening before", start: "2026-03-02T01:00:00Z",
            end: "2026-03-02T03:00:00Z", zone: "America/Los_Angeles", lastDay: "2026-03-01"),
        EventCase(
            name: "Los Angeles: 08:00Z is local midnight", start: "2026-03-02T06:00:00Z", end: "2026-03-02T08:00:00Z",
            zone: "America/Los_Angeles", lastDay: "2026-03-01"),
        EventCase(
            name: "Los Angeles: 08:01Z is 00:01", start: "2026-03-02T06:00:00Z", end: "2026-03-02T08:01:00Z",
            zone: "America/Los_Angeles", lastDay: "2026-03-02"),
        EventCase(
            name: "no zone: UTC", start: "2026-03-01T22:00:00Z", end: "2026-03-01T23:30:00Z", zone: "",
            lastDay: "2026-03-01"),
        EventCase(
            name: "an unknown zone: UTC", start: "2026-03-01T22:00:00Z", end: "2026-03-02T00:00:00Z",
            zone: "Mars/Olympus_Mons", lastDay: "2026-03-01"),
        EventCase(
            name: "empty, at midnight: on that day", start: "2026-03-02T00:00:00Z", end: "2026-03-02T00:00:00Z",
            zone: "UTC", lastDay: "2026-03-02"),
        // Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 (04:00Z).
        EventCase(
            name: "Santiago: ending as a day that starts at 01:00 begins", start: "2026-09-06T02:00:00Z",
            end: "2026-09-06T04:00:00Z", zone: "America/Santiago", lastDay: "2026-09-05"),
    ]

    @Test(arguments: eventCases) func lastDayOfATrainingEvent(_ c: EventCase) throws {
        let event = TrainingEvent(
            id: "t-1", title: "Course", start: try #require(Timestamp.parse(c.start)),
            end: try #require(Timestamp.parse(c.end)), timeZone: c.zone, instructorIds: ["i-1"])
        let lastDay = InitializationSelection.lastDay(of: event)
        #expect(lastDay.description == c.lastDay)
        // Taken from its last day on, not after.
        let person = [Instructor(id: "i-1", name: "Ana", email: "ana@example.com")]
        for (since, taken) in [(lastDay, true), (lastDay.adding(days: 1), false), (lastDay.adding(days: -1), true)] {
            let items = Self.selection(covered: [], since: since).select(instructors: person, events: [event], absences: [])
            #expect(items.events.map(\.id) == (taken ? ["t-1"] : []), "since \(since)")
        }
    }

    // MARK: - The whole selection

    /// Paris, Lyon, Berlin and someone without an establishment; items around `since` (2026-03-02).
    static let people = [
        Instructor(id: "i-paris", name: "P", email: "p@example.com", establishment: "paris"),
        Instructor(id: "i-lyon", name: "L", email: "l@example.com", establishment: "lyon"),
        Instructor(id: "i-berlin", name: "B", email: "b@example.com", establishment: "berlin"),
        Instructor(id: "i-none", name: "N", email: "n@example.com"),
    ]

    static func event(
        _ id: String, ending end: String, _ instructors: [String],
        status: TrainingEvent.Status = .scheduled
    ) -> TrainingEvent {
        let end = Timestamp.parse(end)!
        return TrainingEvent(
            id: id, title: "Course", start: end.addingTimeInterval(-3_600), end: end,
            timeZone: "Europe/Paris", status: status, instructorIds: instructors)
    }

    static let events = [
        event("e-old", ending: "2026-03-01T23:00:00Z", ["i-paris"]),  // midnight in Paris: ended on 03-01
        event("e-paris", ending: "2026-03-01T23:30:00Z", ["i-paris"]),  // 00:30 on 03-02 in Paris
        event("e-lyon", ending: "2026-03-04T10:00:00Z", ["i-lyon", "i-berlin"]),
        event("e-berlin", ending: "2026-03-04T10:00:00Z", ["i-berlin"]),
        event("e-cancelled", ending: "2026-03-05T10:00:00Z", ["i-paris"], status: .cancelled),
        event("e-none", ending: "2026-03-05T10:00:00Z", ["i-none"]),
        event("e-nobody", ending: "2026-03-05T10:00:00Z", []),
    ]

    static func absence(
        _ id: String, _ person: String, _ first: String, _ last: String,
        status: Absence.Status = .approved
    ) -> Absence {
        Absence(
            id: id, personId: person, account: .init(name: "Paid leave"), start: .init(date: LocalDate(first)!, half: .am),
            end: .init(date: LocalDate(last)!, half: .am), status: status)
    }

    static let absences = [
        absence("a-paris", "i-paris", "2026-02-27", "2026-03-02"),  // its last (half) day is `since`
        absence("a-paris-old", "i-paris", "2026-02-27", "2026-03-01"),
        absence("a-lyon-denied", "i-lyon", "2026-03-09", "2026-03-09", status: .denied),
        absence("a-berlin", "i-berlin", "2026-03-09", "2026-03-10"),
        absence("a-none", "i-none", "2026-03-09", "2026-03-10"),
    ]

    @Test(arguments: [
        // (covered, chosen) → people, events, absences
        (
            [String](), [String](), ["i-berlin", "i-lyon", "i-none", "i-paris"],
            ["e-paris", "e-lyon", "e-berlin", "e-cancelled", "e-none"], ["a-paris", "a-lyon-denied", "a-berlin", "a-none"]
        ),
        (["paris", "lyon"], [], ["i-lyon", "i-paris"], ["e-paris", "e-lyon", "e-cancelled"], ["a-paris", "a-lyon-denied"]),
        (["paris", "lyon"], ["lyon"], ["i-lyon"], ["e-lyon"], ["a-lyon-denied"]),
        (
            ["paris", "lyon"], ["paris", "lyon"], ["i-lyon", "i-paris"], ["e-paris", "e-lyon", "e-cancelled"],
            ["a-paris", "a-lyon-denied"]
        ),
        ([], ["berlin"], ["i-berlin"], ["e-lyon", "e-berlin"], ["a-berlin"]),
        (["rome"], [], [], [], []),
    ])
    func selection(covered: [String], chosen: [String], people: [String], events: [String], absences: [String]) {
        let items = Self.selection(covered: covered, chosen: chosen)
            .select(instructors: Self.people, events: Self.events, absences: Self.absences)
        #expect(items.people.sorted() == people)
        #expect(items.events.map(\.id) == events)
        #expect(items.absences.map(\.id) == absences)
        #expect(items.count == events.count + absences.count)
    }

    @Test func theIntegrationGivesTheCoveredEstablishments() {
        let integration = Integration(
            id: "int", name: "Int", tenantId: "t", clientId: "c", clientSecret: Secret("s"),
            establishments: ["paris"])
        let selection = InitializationSelection(since: Self.since, chosen: [], integration: integration)
        #expect(selection.select(instructors: Self.people, events: Self.events, absences: Self.absences).count == 3)
    }
}
