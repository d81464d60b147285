import CalSyncCore
import Foundation

// MARK: - Occurrences (CalendarView expands recurring masters; other views show masters)

extension MailboxStore {
    /// Singles and occurrences that overlap `start..<end` as CalendarView selects them (`docs/exchange.md`,
    /// "CalendarView"): an item that ends before `start` or starts at or after `end` is left out, so one ending
    /// exactly at `start` is in. Sorted by start, then creation order.
    func calendarView(start: Date, end: Date, zone: (String) -> TimeZone) -> [CalendarInstance] {
        var result: [CalendarInstance] = []
        func overlaps(_ itemStart: Date, _ itemEnd: Date) -> Bool { !(itemEnd < start) && itemStart < end }
        for record in orderedItems {
            guard let recurrence = record.recurrence else {
                if overlaps(record.start, record.end) { result.append(CalendarInstance(record)) }
                continue
            }
            let tz = zone(record.startTimeZone)
            let duration = record.end.timeIntervalSince(record.start)
            let from = LocalDate(start.addingTimeInterval(-duration - 86_400), in: tz)
            let through = LocalDate(end.addingTimeInterval(86_400), in: tz)
            for (index, date) in recurrence.occurrences(from: from, through: through)
            where !record.deletedOccurrences.contains(date) && record.modifiedOccurrences[date] == nil {
                let (occurrenceStart, occurrenceEnd) = Self.times(of: record, on: date, zone: tz)
                if overlaps(occurrenceStart, occurrenceEnd) {
                    result.append(
                        CalendarInstance(
                            occurrenceOf: record, index: index, originalStart: occurrenceStart, originalEnd: occurrenceEnd,
                            change: nil))
                }
            }
            for (date, change) in record.modifiedOccurrences where overlaps(change.start, change.end) {
                guard let index = recurrence.index(ofOccurrenceOn: date) else { continue }
                let (originalStart, originalEnd) = Self.times(of: record, on: date, zone: tz)
                result.append(
                    CalendarInstance(
                        occurrenceOf: record, index: index, originalStart: originalStart, originalEnd: originalEnd,
                        change: change))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return result.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            return (position[a.record.id] ?? 0, a.id) < (position[b.record.id] ?? 0, b.id)
        }
    }

    /// The item or occurrence an ItemId names; nil when there is none (deleted occurrence, index past the series).
    func instance(_ id: String, zone: (String) -> TimeZone) -> CalendarInstance? {
        if let record = items[id] { return CalendarInstance(record) }
        guard let (masterId, index) = OccurrenceId.parse(id), let record = items[masterId],
            let recurrence = record.recurrence, let date = recurrence.date(ofOccurrence: index),
            !record.deletedOccurrences.contains(date)
        else { return nil }
        let (start, end) = Self.times(of: record, on: date, zone: zone(record.startTimeZone))
        return CalendarInstance(
            occurrenceOf: record, index: index, originalStart: start, originalEnd: end,
            change: record.modifiedOccurrences[date])
    }

    /// Start and end of a master's occurrence on `date`: the master's wall-clock time of day in its start zone (so
    /// a series keeps its local time across daylight saving changes) and its duration; all-day occurrences run from
    /// local midnight over as many days as the master.
    static func times(of record: CalendarItemRecord, on date: LocalDate, zone: TimeZone) -> (Date, Date) {
        if record.isAllDay {
            let days = max(1, Int((record.end.timeIntervalSince(record.start) / 86_400).rounded()))
            return (date.startOfDay(in: zone), date.adding(days: days).startOfDay(in: zone))
        }
        let local = LocalDateTime(record.start, in: zone)
        let start = LocalDateTime(date: date, hour: local.hour, minute: local.minute, second: local.second).instant(in: zone)
        return (start, start.addingTimeInterval(record.end.timeIntervalSince(record.start)))
    }
}
