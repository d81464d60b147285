import CalSyncCore

// MARK: - The side door: what people do with their own calendar app (no faults, no calls recorded)

extension InMemoryCalendarProvider {
    /// Adds the person's own event and returns its id (a series: the id of the whole series).
    @discardableResult
    public func add(_ event: PersonEvent, to calendar: CalendarID) throws -> String {
        try state.withLock { state in
            var current = try state.calendar(calendar)
            let id = state.newId("event")
            current.items.append(InMemoryItem(id: id, person: event, zone: current.zone))
            current.version += 1
            state.calendars[calendar] = current
            return id
        }
    }

    /// Rewrites an item as the person edits it (a series is rewritten whole, its deleted occurrences restored).
    public func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) throws {
        try state.withLock { state in
            var current = try state.calendar(calendar)
            guard let index = current.index(of: id) else { throw Self.gone(id) }
            current.items[index].apply(event, calendarZone: current.zone)
            current.version += 1
            state.calendars[calendar] = current
        }
    }

    /// Deletes an item (a series whole) or one occurrence, as the person does.
    public func remove(_ id: String, from calendar: CalendarID) throws {
        try state.withLock { state in
            var current = try state.calendar(calendar)
            try Self.remove(id, from: &current)
            state.calendars[calendar] = current
        }
    }
}
