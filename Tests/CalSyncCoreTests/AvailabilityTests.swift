import Foundation
import Testing

@testable import CalSyncCore

@Suite struct AvailabilityTests {
    /// An instant on 2026-03-02 at `hh:mm` UTC.
    static func at(_ time: String) -> Date { Timestamp.parse("2026-03-02T\(time):00Z")! }

    static func range(_ start: String, _ end: String) -> TimeRange { TimeRange(start: at(start), end: at(end)) }

    static func external(_ start: String, _ end: String, _ showAs: ShowAs = .busy) -> BusyInterval {
        BusyInterval(start: at(start), end: at(end), kind: .external, showAs: showAs)
    }

    /// "09:00-10:00, 11:00-12:00" for compact expectations.
    static func text(_ ranges: [TimeRange]) -> String {
        ranges.map { r in
            let f = { (d: Date) in String(Timestamp.format(d).dropFirst(11).prefix(5)) }
            return "\(f(r.start))-\(f(r.end))"
        }.joined(separator: ", ")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let busy: [(String, String)]
        let free: String
        let clippedBusy: String
        var testDescription: String { name }
    }

    /// Window 09:00-17:00 throughout.
    static let cases: [Case] = [
        Case(name: "no busy time", busy: [], free: "09:00-17:00", clippedBusy: ""),
        Case(name: "one block inside", busy: [("10:00", "11:00")], free: "09:00-10:00, 11:00-17:00", clippedBusy: "10:00-11:00"),
        Case(
            name: "touching blocks merge", busy: [("10:00", "11:00"), ("11:00", "12:00")], free: "09:00-10:00, 12:00-17:00",
            clippedBusy: "10:00-11:00, 11:00-12:00"),
        Case(
            name: "overlapping blocks merge", busy: [("10:00", "11:30"), ("11:00", "12:00")], free: "09:00-10:00, 12:00-17:00",
            clippedBusy: "10:00-11:30, 11:00-12:00"),
        Case(
            name: "nested block", busy: [("10:00", "14:00"), ("11:00", "12:00")], free: "09:00-10:00, 14:00-17:00",
            clippedBusy: "10:00-14:00, 11:00-12:00"),
        Case(
            name: "unsorted input", busy: [("15:00", "16:00"), ("10:00", "11:00")], free: "09:00-10:00, 11:00-15:00, 16:00-17:00",
            clippedBusy: "10:00-11:00, 15:00-16:00"),
        Case(
            name: "clipped at both edges", busy: [("08:00", "09:30"), ("16:30", "18:00")], free: "09:30-16:30",
            clippedBusy: "09:00-09:30, 16:30-17:00"),
        Case(
            name: "touching the window from outside", busy: [("08:00", "09:00"), ("17:00", "18:00")], free: "09:00-17:00",
            clippedBusy: ""),
        Case(name: "wholly outside", busy: [("06:00", "07:00"), ("18:00", "19:00")], free: "09:00-17:00", clippedBusy: ""),
        Case(name: "covers the window", busy: [("08:00", "18:00")], free: "", clippedBusy: "09:00-17:00"),
        Case(
            name: "back-to-back cover the window", busy: [("09:00", "13:00"), ("13:00", "17:00")], free: "",
            clippedBusy: "09:00-13:00, 13:00-17:00"),
        Case(name: "empty block ignored", busy: [("10:00", "10:00")], free: "09:00-17:00", clippedBusy: ""),
        Case(name: "inverted block ignored", busy: [("11:00", "10:00")], free: "09:00-17:00", clippedBusy: ""),
        Case(
            name: "duplicates", busy: [("10:00", "11:00"), ("10:00", "11:00")], free: "09:00-10:00, 11:00-17:00",
            clippedBusy: "10:00-11:00, 10:00-11:00"),
        Case(name: "starts at window start", busy: [("09:00", "10:00")], free: "10:00-17:00", clippedBusy: "09:00-10:00"),
        Case(name: "ends at window end", busy: [("16:00", "17:00")], free: "09:00-16:00", clippedBusy: "16:00-17:00"),
    ]

    @Test(arguments: cases) func freeIsTheWindowMinusBusyTime(_ c: Case) {
        let availability = Availability(window: Self.range("09:00", "17:00"), busy: c.busy.map { Self.external($0.0, $0.1) })
        #expect(Self.text(availability.free) == c.free)
        #expect(Self.text(availability.busy.map(\.range)) == c.clippedBusy)
        #expect(availability.isFreeForWholeWindow == (c.clippedBusy.isEmpty))
    }

    @Test func emptyWindowHasNothing() {
        let availability = Availability(window: Self.range("10:00", "10:00"), busy: [Self.external("09:00", "11:00")])
        #expect(availability.busy.isEmpty)
        #expect(availability.free.isEmpty)
        #expect(!availability.isFreeForWholeWindow)
        #expect(!availability.hasFreeStretch(minutes: 1))
    }

    @Test func busyKeepsKindShowAsAllDayAndRefAndSortsStably() {
        let training = BusyInterval(
            start: Self.at("10:00"), end: Self.at("11:00"), kind: .training, showAs: .busy, ref: "t-2")
        let otherTraining = BusyInterval(
            start: Self.at("10:00"), end: Self.at("11:00"), kind: .training, showAs: .busy, ref: "t-1")
        let block = Self.external("10:00", "11:00", .tentative)
        let allDay = BusyInterval(
            start: Self.at("00:00"), end: Timestamp.parse("2026-03-03T00:00:00Z")!, kind: .external,
            showAs: .oof, isAllDay: true)
        let availability = Availability(window: Self.range("09:00", "17:00"), busy: [training, allDay, otherTraining, block])
        #expect(availability.busy.map(\.kind) == [.external, .external, .training, .training])
        #expect(availability.busy[0].isAllDay && availability.busy[0].showAs == .oof)
        #expect(availability.busy[0].start == Self.at("09:00"))  // clipped
        #expect(availability.busy[1].showAs == .tentative)  // tentative counts as busy
        #expect(availability.busy.map(\.ref) == [nil, nil, "t-1", "t-2"])
        #expect(availability.free.isEmpty)
    }

    @Test func trainingAndBlockConversions() {
        let event = TrainingEvent(id: "t-9", title: "Swift", start: Self.at("10:00"), end: Self.at("12:00"))
        let fromEvent = BusyInterval(training: event)
        #expect(fromEvent.kind == .training && fromEvent.ref == "t-9" && fromEvent.showAs == .busy && !fromEvent.isAllDay)
        let block = BusyBlock(
            integrationId: "m365", instructorId: "i-1", externalId: "AAMk", start: Self.at("13:00"),
            end: Self.at("14:00"), showAs: .oof, isAllDay: true)
        let fromBlock = BusyInterval(block)
        #expect(fromBlock.kind == .external && fromBlock.ref == nil && fromBlock.showAs == .oof && fromBlock.isAllDay)
    }

    struct StretchCase: Sendable {
        let busy: [(String, String)]
        let minutes: Int
        let qualifies: Bool
    }

    static let stretches: [StretchCase] = [
        StretchCase(busy: [], minutes: 480, qualifies: true),
        StretchCase(busy: [], minutes: 481, qualifies: false),
        StretchCase(busy: [("10:00", "16:00")], minutes: 60, qualifies: true),  // 09:00-10:00 exactly
        StretchCase(busy: [("10:00", "16:00")], minutes: 61, qualifies: false),
        StretchCase(busy: [("09:30", "10:00"), ("10:00", "16:30")], minutes: 31, qualifies: false),
        StretchCase(busy: [("11:00", "12:00")], minutes: 300, qualifies: true),  // 12:00-17:00
        StretchCase(busy: [("08:00", "18:00")], minutes: 1, qualifies: false),
    ]

    @Test(arguments: stretches) func minFreeMinutesNeedsOneLongEnoughStretch(_ c: StretchCase) {
        let availability = Availability(window: Self.range("09:00", "17:00"), busy: c.busy.map { Self.external($0.0, $0.1) })
        #expect(availability.hasFreeStretch(minutes: c.minutes) == c.qualifies)
    }

    @Test func longestFree() {
        let availability = Availability(window: Self.range("09:00", "17:00"), busy: [Self.external("10:00", "15:00")])
        #expect(availability.longestFree == 2 * 3600)
        #expect(Availability(window: Self.range("09:00", "17:00"), busy: [Self.external("08:00", "18:00")]).longestFree == 0)
    }

    @Test func unionMergesTouchingOverlappingAndNested() {
        let merged = Availability.union([
            Self.range("13:00", "14:00"), Self.range("09:00", "10:00"), Self.range("10:00", "11:00"),
            Self.range("09:30", "09:45"), Self.range("12:00", "12:00"), Self.range("13:30", "15:00"),
        ])
        #expect(Self.text(merged) == "09:00-11:00, 13:00-15:00")
        #expect(Availability.union([]).isEmpty)
    }

    @Test func subtractWithBusyTimeOutsideTheWindow() {
        let gaps = Availability.subtract(
            [Self.range("06:00", "07:00"), Self.range("12:00", "13:00"), Self.range("20:00", "21:00")],
            from: Self.range("09:00", "17:00"))
        #expect(Self.text(gaps) == "09:00-12:00, 13:00-17:00")
        #expect(Availability.subtract([Self.range("10:00", "11:00")], from: Self.range("11:00", "10:00")).isEmpty)
    }
}

extension AvailabilityTests.StretchCase: CustomTestStringConvertible {
    var testDescription: String { "\(busy) needs \(minutes) min → \(qualifies)" }
}
