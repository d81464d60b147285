import CalSyncCore
import Foundation

// MARK: - Occurrences (the series' own rules, in the wall clock of its zone)

extension GoogleRecurrence {
    /// The original starts of the series' occurrences that begin before `limit`, in order, excluding `EXDATE`s.
    /// A timed series repeats its wall-clock time in `zone` (the start's `timeZone`, which Google requires for
    /// recurring events); an all-day series repeats its date.
    func occurrences(first: GoogleEventTime, zone: TimeZone, before limit: Date) -> [GoogleEventTime] {
        let utc = TimeZone(identifier: "UTC")!
        let (firstDate, wall): (LocalDate, LocalDateTime?) =
            switch first {
            case .date(let date): (date, nil)
            case .dateTime(let instant, _): (LocalDateTime(instant, in: zone).date, LocalDateTime(instant, in: zone))
            }
        var results: [GoogleEventTime] = []
        var generated = 0
        for date in candidateDates(from: firstDate) {
            let time: GoogleEventTime
            let instant: Date
            if let wall {
                instant = LocalDateTime(date: date, hour: wall.hour, minute: wall.minute, second: wall.second).instant(in: zone)
                time = .dateTime(instant, timeZone: first.timeZoneName)
            } else {
                instant = date.startOfDay(in: utc)
                time = .date(date)
            }
            if let until, instant > until { break }
            if time.instant(calendarZone: zone) >= limit { break }
            generated += 1
            if !excluded.contains(instant) { results.append(time) }
            if let count, generated >= count { break }
        }
        return results
    }

    /// Dates the rule produces from the first one on, lazily (bounded to 100 years of periods).
    private func candidateDates(from first: LocalDate) -> some Sequence<LocalDate> {
        let rule = self
        var period = 0
        var pending: [LocalDate] = []
        return AnySequence {
            AnyIterator { () -> LocalDate? in
                while pending.isEmpty {
                    guard period < 36_500 else { return nil }
                    pending = rule.dates(inPeriod: period, first: first)
                    period += 1
                }
                return pending.removeFirst()
            }
        }
    }

    /// The dates of the n-th period (day, week, month or year, times the interval), not before `first`.
    private func dates(inPeriod n: Int, first: LocalDate) -> [LocalDate] {
        switch frequency {
        case .daily:
            return [first.adding(days: n * interval)]
        case .weekly:
            let monday = first.adding(days: 1 - first.isoWeekday + 7 * n * interval)
            let days = weekdays.isEmpty ? [first.isoWeekday] : weekdays.sorted()
            return days.map { monday.adding(days: $0 - 1) }.filter { $0 >= first }
        case .monthly:
            let months = first.month - 1 + n * interval
            return LocalDate(year: first.year + months / 12, month: months % 12 + 1, day: first.day).map { [$0] } ?? []
        case .yearly:
            return LocalDate(year: first.year + n * interval, month: first.month, day: first.day).map { [$0] } ?? []
        }
    }
}
