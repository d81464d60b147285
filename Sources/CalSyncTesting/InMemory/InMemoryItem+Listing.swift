import CalSyncCore
import Foundation

extension InMemoryItem {
    /// What a change listing shows of this item: its occurrences when `expanding` (ids `<item>@<date>`), else the
    /// item itself (a series as its master, at its first occurrence); only those that overlap `window` (all of them
    /// when nil). All-day dates are read in the calendar's zone to compare with the window.
    func entries(expanding: Bool, window: TimeRange?, calendarZone: TimeZone) -> [ExternalEvent] {
        guard let recurrence else {
            return overlaps(time, window, calendarZone) ? [external(id: id, time: time, isSeriesMaster: false)] : []
        }
        let occurrences = recurrence.occurrences(of: time).filter { !deletedOccurrences.contains($0.date) }
        if expanding {
            return occurrences.filter { overlaps($0.time, window, calendarZone) }.map {
                external(id: Self.occurrenceId(id, $0.date), time: $0.time, isSeriesMaster: false)
            }
        }
        guard occurrences.contains(where: { overlaps($0.time, window, calendarZone) }) else { return [] }
        return [external(id: id, time: time, isSeriesMaster: true)]
    }

    /// One occurrence (`<item>@<date>`) or the item itself; nil when `id` names neither.
    func entry(_ id: String) -> ExternalEvent? {
        if id == self.id { return external(id: id, time: time, isSeriesMaster: recurrence != nil) }
        guard let recurrence, id.hasPrefix(self.id + "@"), let date = LocalDate(String(id.dropFirst(self.id.count + 1))),
            !deletedOccurrences.contains(date),
            let occurrence = recurrence.occurrences(of: time).first(where: { $0.date == date })
        else { return nil }
        return external(id: id, time: occurrence.time, isSeriesMaster: false)
    }

    static func occurrenceId(_ itemId: String, _ date: LocalDate) -> String { "\(itemId)@\(date)" }

    /// The date an occurrence id names, when it names one of this item's.
    func occurrenceDate(_ id: String) -> LocalDate? {
        guard recurrence != nil, id.hasPrefix(self.id + "@") else { return nil }
        return LocalDate(String(id.dropFirst(self.id.count + 1)))
    }

    private func external(id: String, time: EventTime, isSeriesMaster: Bool) -> ExternalEvent {
        ExternalEvent(
            id: id, time: time, showAs: showAs, isCancelled: isCancelled, declinedByOwner: declinedByOwner,
            isSeriesMaster: isSeriesMaster, categories: categories, idempotencyKey: idempotencyKey, tagValue: tag,
            labelDigest: EventLabel.digest(subject: subject, location: location))
    }

    private func overlaps(_ time: EventTime, _ window: TimeRange?, _ calendarZone: TimeZone) -> Bool {
        guard let window else { return true }
        let range: TimeRange
        switch time {
        case .timed(let timed, _): range = timed
        case .allDay(let first, let end):
            range = TimeRange(start: first.startOfDay(in: calendarZone), end: end.startOfDay(in: calendarZone))
        }
        return range.isEmpty ? window.contains(range.start) : range.overlaps(window)
    }
}
