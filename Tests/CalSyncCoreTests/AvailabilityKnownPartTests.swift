import Foundation
import Testing

@testable import CalSyncCore

/// Free time only where the person's calendar is known: a window reaching beyond what was read is not free there.
@Suite struct AvailabilityKnownPartTests {
    static func range(_ start: String, _ end: String) -> TimeRange { AvailabilityTests.range(start, end) }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The known time given (nil: nothing known); the window is 09:00-17:00 throughout.
        let known: (String, String)?
        let busy: [(String, String)]
        /// The part of the window known, "" for none.
        let part: String
        let free: String
        let wholly: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "all known", known: ("09:00", "17:00"), busy: [("10:00", "11:00")], part: "09:00-17:00",
            free: "09:00-10:00, 11:00-17:00", wholly: true),
        Case(
            name: "known beyond the window on both sides", known: ("00:00", "23:00"), busy: [], part: "09:00-17:00",
            free: "09:00-17:00", wholly: true),
        Case(
            name: "known until 13:00", known: ("00:00", "13:00"), busy: [("10:00", "11:00"), ("14:00", "15:00")],
            part: "09:00-13:00", free: "09:00-10:00, 11:00-13:00", wholly: false),
        Case(
            name: "known from 12:00", known: ("12:00", "23:00"), busy: [("11:00", "12:30")], part: "12:00-17:00",
            free: "12:30-17:00", wholly: false),
        Case(name: "known only outside the window", known: ("17:00", "23:00"), busy: [], part: "", free: "", wholly: false),
        Case(name: "nothing known", known: nil, busy: [("10:00", "11:00")], part: "", free: "", wholly: false),
    ]

    @Test(arguments: cases) func freeTimeOnlyInTheKnownPart(_ c: Case) {
        let busy = c.busy.map { AvailabilityTests.external($0.0, $0.1) }
        let availability = Availability(
            window: Self.range("09:00", "17:00"), busy: busy, known: c.known.map { Self.range($0.0, $0.1) })
        #expect(AvailabilityTests.text(availability.known.map { [$0] } ?? []) == c.part)
        #expect(AvailabilityTests.text(availability.free) == c.free)
        #expect(availability.isWhollyKnown == c.wholly)
        // Busy time is listed everywhere in the window, known or not.
        #expect(availability.busy.count == busy.count)
    }

    @Test func theWholeWindowIsFreeOnlyWhenItIsWhollyKnown() {
        let window = Self.range("09:00", "17:00")
        #expect(Availability(window: window, busy: [], known: window).isFreeForWholeWindow)
        #expect(!Availability(window: window, busy: [], known: Self.range("09:00", "16:59")).isFreeForWholeWindow)
        #expect(!Availability(window: window, busy: [], known: Self.range("09:01", "17:00")).isFreeForWholeWindow)
        #expect(!Availability(window: window, busy: [], known: nil).isFreeForWholeWindow)
    }

    @Test func aFreeStretchCountsOnlyInsideTheKnownPart() {
        let window = Self.range("09:00", "17:00")
        let known = Self.range("00:00", "13:00")  // 09:00-13:00 known: four hours
        #expect(Availability(window: window, busy: [], known: known).hasFreeStretch(minutes: 240))
        #expect(!Availability(window: window, busy: [], known: known).hasFreeStretch(minutes: 241))
        #expect(!Availability(window: window, busy: [], known: nil).hasFreeStretch(minutes: 1))
        #expect(Availability(window: window, busy: [], known: known).longestFree == 4 * 3600)
    }
}
