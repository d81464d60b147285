import CalSyncCore

extension EmulatorTenant {
    /// The date the earliest event starts on (the date of its `start.dateTime`), if the tenant has events.
    public var firstEventDate: LocalDate? {
        users.flatMap { $0.events ?? [] }.compactMap { $0["start"]?["dateTime"]?.stringValue.flatMap(Self.date) }.min()
    }

    /// Whole days, a multiple of 7, that move `first` to the same weekday within the week from `today`
    /// (`today … today + 6`): a tenant file dated in the past (or the far future) moved to the coming days.
    public static func daysToShift(from first: LocalDate, toTheWeekOf today: LocalDate) -> Int {
        let days = first.days(to: today)
        let weeks = days >= 0 ? (days + 6) / 7 : -(-days / 7)
        return weeks * 7
    }

    /// This tenant with every event moved by `days`: its start and end, and its recurrence's range. Times of day, time
    /// zones and everything else are kept (moved by whole weeks, weekdays are kept too).
    public func movingEvents(byDays days: Int) -> EmulatorTenant {
        var tenant = self
        tenant.users = users.map { user in
            var user = user
            user.events = user.events?.map { Self.moved($0, byDays: days) }
            return user
        }
        return tenant
    }

    static func moved(_ event: EmulatorJSON, byDays days: Int) -> EmulatorJSON {
        guard case .object(var fields) = event else { return event }
        for key in ["start", "end"] {
            guard case .object(var time)? = fields[key], let text = time["dateTime"]?.stringValue else { continue }
            time["dateTime"] = .string(movedDate(in: text, byDays: days))
            fields[key] = .object(time)
        }
        if case .object(var recurrence)? = fields["recurrence"], case .object(var range)? = recurrence["range"] {
            for key in ["startDate", "endDate"] {
                guard let text = range[key]?.stringValue else { continue }
                range[key] = .string(movedDate(in: text, byDays: days))
            }
            recurrence["range"] = .object(range)
            fields["recurrence"] = .object(recurrence)
        }
        return .object(fields)
    }

    /// `2025-03-03T09:00:00` (or `2025-03-03`) with its date moved; the rest of the text as it was.
    static func movedDate(in text: String, byDays days: Int) -> String {
        guard let date = date(text) else { return text }
        return date.adding(days: days).description + text.dropFirst(10)
    }

    /// The date a `dateTime` or date text starts with.
    static func date(_ text: String) -> LocalDate? { LocalDate(String(text.prefix(10))) }
}
