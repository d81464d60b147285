import CalSyncCore
import Foundation

/// A person's week as a grid of half-hour slots (rows) by days (columns), in the person's zone: pure, from the
/// busy time availability answers, the person's conflicts and whether their calendar is known to be in step.
///
/// A slot takes the most telling state of what overlaps it: a conflict, then a training event, an absence, a block of
/// the person's own calendar (drawn dark gray). A slot with nothing in it is free only when availability is known
/// there: when the person's calendar is not in step it is unknown, and when it lies outside the window their last
/// pull read it is not synced; both are drawn hatched, never as free (docs/product-rules.md, fail closed).
struct WeekGrid: Sendable {
    enum State: String, Sendable, Equatable {
        case free, unknown, external, training, absence, conflict
        case notSynced = "not-synced"

        var rank: Int {
            switch self {
            case .free, .unknown, .notSynced: 0
            case .external: 1
            case .absence: 2
            case .training: 3
            case .conflict: 4
            }
        }

        var label: String {
            switch self {
            case .free: "free"
            case .unknown: "unknown"
            case .notSynced: "not synced"
            case .external: "Busy (own calendar)"
            case .training: "Training"
            case .absence: "Absence"
            case .conflict: "Conflict"
            }
        }
    }

    struct Cell: Sendable, Equatable {
        var state: State
        /// The event's or absence's id, when the slot is one.
        var ref: String?
        /// Shown on the first slot of a run (the rest of the run is the same block).
        var startsRun: Bool
    }

    static let slotMinutes = 30

    let days: [LocalDate]
    /// Minutes since midnight of each row's start.
    let rows: [Int]
    /// `cells[row][day]`.
    let cells: [[Cell]]

    /// - Parameters:
    ///   - known: the person's calendar is in step (else empty slots are unknown).
    ///   - synced: the time their calendar is known over (`SyncWindow.known`); empty slots outside it are not synced.
    init(
        monday: LocalDate, zone: TimeZone, busy: [BusyInterval], conflicts: [TimeRange], known: Bool,
        synced: TimeRange?, firstHour: Int = 7, lastHour: Int = 20
    ) {
        days = (0..<7).map { monday.adding(days: $0) }
        rows = Array(stride(from: firstHour * 60, to: lastHour * 60, by: Self.slotMinutes))
        var cells: [[Cell]] = []
        var previous: [Cell?] = Array(repeating: nil, count: 7)
        for minutes in rows {
            var row: [Cell] = []
            for (index, day) in days.enumerated() {
                let start = LocalDateTime(date: day, hour: minutes / 60, minute: minutes % 60).instant(in: zone)
                let slot = TimeRange(start: start, end: start.addingTimeInterval(Double(Self.slotMinutes * 60)))
                var cell = Self.cell(slot, busy: busy, conflicts: conflicts, known: known, synced: synced)
                cell.startsRun = previous[index].map { $0.state != cell.state || $0.ref != cell.ref } ?? true
                previous[index] = cell
                row.append(cell)
            }
            cells.append(row)
        }
        self.cells = cells
    }

    static func cell(_ slot: TimeRange, busy: [BusyInterval], conflicts: [TimeRange], known: Bool, synced: TimeRange?)
        -> Cell
    {
        if conflicts.contains(where: { $0.overlaps(slot) }) { return Cell(state: .conflict, ref: nil, startsRun: true) }
        let empty: State = !known ? .unknown : synced?.contains(slot) == true ? .free : .notSynced
        var best = Cell(state: empty, ref: nil, startsRun: true)
        for interval in busy where TimeRange(start: interval.start, end: interval.end).overlaps(slot) {
            let state: State
            switch interval.kind {
            case .external: state = .external
            case .training: state = .training
            case .absence: state = .absence
            }
            if state.rank > best.state.rank { best = Cell(state: state, ref: interval.ref, startsRun: true) }
        }
        return best
    }

    /// The Monday of the week holding `date`.
    static func monday(of date: LocalDate) -> LocalDate { date.adding(days: 1 - date.isoWeekday) }
}
