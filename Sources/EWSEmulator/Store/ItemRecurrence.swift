import CalSyncCore

/// A recurring master's `t:Recurrence` (`docs/exchange.md`, "Recurrence"): a pattern (daily, weekly, absolute monthly,
/// absolute yearly) and a range (no end, end date, number of occurrences) in the item's start time zone. Other
/// patterns are refused (ErrorCalendarInvalidRecurrence): the emulator does not model them.
struct ItemRecurrence: Sendable, Hashable {
    enum Pattern: Sendable, Hashable {
        case daily(interval: Int)
        /// ISO weekdays (1 Monday … 7 Sunday), the first day of the week too.
        case weekly(interval: Int, days: [Int], firstDay: Int)
        case absoluteMonthly(interval: Int, day: Int)
        case absoluteYearly(month: Int, day: Int)
    }

    enum Range: Sendable, Hashable {
        case noEnd
        case endDate(LocalDate)
        case numbered(Int)
    }

    var pattern: Pattern
    var start: LocalDate
    var range: Range

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    /// Occurrences generated at most per series (a daily series without end, read decades ahead, stops here).
    static let expansionLimit = 20_000

    /// The occurrences whose dates fall in `from…through`, with their 1-based index in the series (deleted
    /// occurrences keep their index).
    func occurrences(from: LocalDate, through: LocalDate) -> [(index: Int, date: LocalDate)] {
        var result: [(Int, LocalDate)] = []
        var index = 0
        forEachDate { date in
            index += 1
            if date > through { return false }
            if date >= from { result.append((index, date)) }
            return true
        }
        return result
    }

    /// The date of occurrence `index` (1-based), if the series has one.
    func date(ofOccurrence wanted: Int) -> LocalDate? {
        guard wanted >= 1 else { return nil }
        var index = 0
        var found: LocalDate?
        forEachDate { date in
            index += 1
            if index == wanted {
                found = date
                return false
            }
            return true
        }
        return found
    }

    /// The index of the occurrence on `date`, if one falls on it.
    func index(ofOccurrenceOn wanted: LocalDate) -> Int? {
        var index = 0
        var found: Int?
        forEachDate { date in
            index += 1
            if date == wanted { found = index }
            return date < wanted
        }
        return found
    }

    /// The first and last occurrence dates (the last is nil for a series without end).
    var firstDate: LocalDate? { date(ofOccurrence: 1) }

    var lastDate: LocalDate? {
        if case .noEnd = range { return nil }
        var last: LocalDate?
        forEachDate { date in
            last = date
            return true
        }
        return last
    }

    /// Calls `body` with each occurrence date in order until it answers false, the range ends, or the limit.
    private func forEachDate(_ body: (LocalDate) -> Bool) {
        var emitted = 0
        func emit(_ date: LocalDate) -> Bool {
            // Dates past year 9999 cannot be written (xs:dateTime here has four-digit years).
            guard date.year <= 9999 else { return false }
            switch range {
            case .endDate(let end) where date > end: return false
            case .numbered(let count) where emitted >= count: return false
            default: break
            }
            emitted += 1
            guard emitted <= Self.expansionLimit else { return false }
            return body(date)
        }
        switch pattern {
        case .daily(let interval):
            var date = start
            while emit(date) { date = date.adding(days: max(1, interval)) }
        case .weekly(let interval, let days, let firstDay):
            let offset = (start.isoWeekday - firstDay + 7) % 7
            var weekStart = start.adding(days: -offset)
            let ordered = days.map { ($0 - firstDay + 7) % 7 }.sorted()
            guard !ordered.isEmpty else { return }
            while true {
                for dayOffset in ordered {
                    let date = weekStart.adding(days: dayOffset)
                    if date < start { continue }
                    if !emit(date) { return }
                }
                weekStart = weekStart.adding(days: 7 * max(1, interval))
            }
        case .absoluteMonthly(let interval, let day):
            var monthIndex = start.year * 12 + start.month - 1
            while let date = Self.clampedDate(year: monthIndex / 12, month: monthIndex % 12 + 1, day: day) {
                if date >= start, !emit(date) { return }
                monthIndex += max(1, interval)
            }
        case .absoluteYearly(let month, let day):
            var year = start.year
            while let date = Self.clampedDate(year: year, month: month, day: day) {
                if date >= start, !emit(date) { return }
                year += 1
            }
        }
    }

    /// The day in that month, or its last day when the month is shorter (as Outlook places "day 31"); nil past
    /// year 9999.
    static func clampedDate(year: Int, month: Int, day: Int) -> LocalDate? {
        var candidate = min(max(1, day), 31)
        while candidate > 28, LocalDate(year: year, month: month, day: candidate) == nil { candidate -= 1 }
        return LocalDate(year: year, month: month, day: candidate)
    }
}
