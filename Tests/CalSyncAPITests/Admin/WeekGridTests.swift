import CalSyncCore
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct WeekGridTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let monday = LocalDate("2026-03-02")!

    func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        LocalDateTime(date: monday.adding(days: day), hour: hour, minute: minute).instant(in: paris)
    }

    func interval(_ kind: BusyInterval.Kind, _ start: Date, _ end: Date, ref: String? = nil) -> BusyInterval {
        BusyInterval(start: start, end: end, kind: kind, showAs: .busy, isAllDay: false, ref: ref)
    }

    /// The whole week in Paris, synced.
    var week: TimeRange { TimeRange(start: at(0, 0), end: at(7, 0)) }

    func cell(_ grid: WeekGrid, day: Int, _ hour: Int, _ minute: Int = 0) -> WeekGrid.Cell {
        grid.cells[grid.rows.firstIndex(of: hour * 60 + minute)!][day]
    }

    @Test func slotsShowWhatKeepsThePersonBusyInTheirZone() {
        let grid = WeekGrid(
            monday: monday, zone: paris,
            busy: [
                interval(.external, at(0, 9), at(0, 10)), interval(.training, at(1, 14), at(1, 17), ref: "t-1"),
                interval(.absence, at(2, 13, 30), at(2, 17, 30), ref: "a-1"),
            ],
            conflicts: [TimeRange(start: at(1, 16), end: at(1, 16, 30))], known: true, synced: week)
        #expect(grid.days.first == monday && grid.days.count == 7)
        #expect(cell(grid, day: 0, 9).state == .external)
        #expect(cell(grid, day: 0, 9).startsRun)
        #expect(!cell(grid, day: 0, 9, 30).startsRun)
        #expect(cell(grid, day: 0, 10).state == .free)
        #expect(cell(grid, day: 1, 14) == WeekGrid.Cell(state: .training, ref: "t-1", startsRun: true))
        #expect(cell(grid, day: 1, 16).state == .conflict)
        #expect(cell(grid, day: 1, 16, 30).state == .training)
        #expect(cell(grid, day: 1, 16, 30).startsRun)
        #expect(cell(grid, day: 2, 13).state == .free)
        #expect(cell(grid, day: 2, 13, 30).state == .absence)
    }

    @Test func unknownAvailabilityIsNeverDrawnAsFree() {
        let grid = WeekGrid(
            monday: monday, zone: paris, busy: [interval(.external, at(0, 9), at(0, 10))], conflicts: [], known: false,
            synced: week)
        let states = Set(grid.cells.flatMap { $0.map(\.state) })
        #expect(states == [.unknown, .external])
    }

    @Test func slotsOutsideTheSyncedWindowAreNotSyncedNeverFree() {
        // Synced until Wednesday 12:00 UTC (13:00 in Paris); a training on Friday is CalSync's own and still shown.
        let synced = TimeRange(start: at(-30, 0), end: Timestamp.parse("2026-03-04T12:00:00Z")!)
        let grid = WeekGrid(
            monday: monday, zone: paris, busy: [interval(.training, at(4, 9), at(4, 10), ref: "t-1")], conflicts: [],
            known: true, synced: synced)
        #expect(cell(grid, day: 2, 12, 30).state == .free)
        #expect(cell(grid, day: 2, 13).state == .notSynced)
        #expect(cell(grid, day: 2, 13).startsRun)
        #expect(cell(grid, day: 3, 9).state == .notSynced)
        #expect(cell(grid, day: 4, 9) == WeekGrid.Cell(state: .training, ref: "t-1", startsRun: true))
        #expect(cell(grid, day: 4, 10).state == .notSynced)
        // Nothing synced: every empty slot is not synced; out of step wins over it.
        let none = WeekGrid(monday: monday, zone: paris, busy: [], conflicts: [], known: true, synced: nil)
        #expect(Set(none.cells.flatMap { $0.map(\.state) }) == [.notSynced])
        let stale = WeekGrid(monday: monday, zone: paris, busy: [], conflicts: [], known: false, synced: synced)
        #expect(Set(stale.cells.flatMap { $0.map(\.state) }) == [.unknown])
    }

    @Test func theMondayOfAnyDay() {
        #expect(WeekGrid.monday(of: LocalDate("2026-03-08")!) == monday)
        #expect(WeekGrid.monday(of: monday) == monday)
    }
}
