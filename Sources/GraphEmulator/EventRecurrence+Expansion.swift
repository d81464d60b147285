import CalSyncCore

extension EventRecurrence {
    /// The dates of the series' occurrences that fall in `from...through`, honouring the range
    /// (`endDate` inclusive, `numbered` counted from the start). Cancelled dates are the caller's job.
    func occurrenceDates(from: LocalDate, through: LocalDate) -> [LocalDate] {
        var limit = through
        if let endDate, endDate < limit { limit = endDate }
        guard startDate <= limit else { return [] }
        var result: [LocalDate] = []
        var counted = 0
        var day = startDate
        // A day-by-day walk keeps every pattern obviously correct; windows are ≤ 1825 days.
        while day <= limit {
            if matches(day) {
                counted += 1
                if rangeType == .numbered, counted > numberOfOccurrences { break }
                if day >= from { result.append(day) }
            }
            day = day.adding(days: 1)
        }
        return result
    }

    /// Whether the series occupies `day`, ignoring the range's end.
    func contains(_ day: LocalDate) -> Bool {
        day >= startDate && occurrenceDates(from: day, through: day) == [day]
    }

    func matches(_ day: LocalDate) -> Bool {
        switch type {
        case .daily:
            return startDate.days(to: day) % interval == 0
        case .weekly:
            guard daysOfWeek.contains(day.isoWeekday) else { return false }
            return weekIndex(of: day) % interval == 0
        case .absoluteMonthly:
            return monthsFromStart(day) % interval == 0 && day.day == clampedDay(dayOfMonth, day)
        case .relativeMonthly:
            return monthsFromStart(day) % interval == 0 && isRelativeDay(day)
        case .absoluteYearly:
            return (day.year - startDate.year) % interval == 0 && day.month == month && day.day == clampedDay(dayOfMonth, day)
        case .relativeYearly:
            return (day.year - startDate.year) % interval == 0 && day.month == month && isRelativeDay(day)
        }
    }

    /// Weeks since the week (starting on `firstDayOfWeek`) that contains the range start.
    private func weekIndex(of day: LocalDate) -> Int {
        let offset = (startDate.isoWeekday - firstDayOfWeek + 7) % 7
        let weekStart = startDate.adding(days: -offset)
        return weekStart.days(to: day) / 7
    }

    private func monthsFromStart(_ day: LocalDate) -> Int {
        (day.year - startDate.year) * 12 + (day.month - startDate.month)
    }

    /// A day-of-month past the month's end means its last day (Outlook's behaviour for e.g. the 31st).
    private func clampedDay(_ wanted: Int, _ day: LocalDate) -> Int {
        var last = 28
        while LocalDate(year: day.year, month: day.month, day: last + 1) != nil { last += 1 }
        return min(wanted, last)
    }

    /// `index` + `daysOfWeek` within the day's month ("second tuesday", "last friday").
    private func isRelativeDay(_ day: LocalDate) -> Bool {
        guard daysOfWeek.contains(day.isoWeekday) else { return false }
        let nth = (day.day - 1) / 7
        if index == "last" {
            return LocalDate(year: day.year, month: day.month, day: day.day + 7) == nil
        }
        return Self.indexNames.firstIndex(of: index) == nth
    }
}
