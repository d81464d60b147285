import CalSyncCore
import Foundation

// MARK: - Reading and writing events

extension InMemoryCalendarProvider {
    /// The item or one of its occurrences (ids `<item>@<date>`), with its tag.
    public func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent {
        try await perform(.event, calendar: calendar) { state in
            let current = try state.calendar(calendar)
            guard let index = current.owner(of: id), let entry = current.items[index].entry(id) else { throw Self.gone(id) }
            return entry
        }
    }

    /// Creates the event unless this key already made one: with `.keyThenTagLookup` the key is kept with the event
    /// and a create with the same key answers the first event; with `.clientChosenId` the id is derived from the
    /// key, so a repeat answers the same event; with `.tagLookup` each create makes a new event.
    public func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String {
        try Self.validate(event)
        let mode = capabilities.idempotentCreate
        return try await perform(.create, calendar: calendar) { state in
            var current = try state.calendar(calendar)
            let id: String
            switch mode {
            case .keyThenTagLookup:
                if let earlier = current.items.first(where: { $0.idempotencyKey == idempotencyKey }) { return earlier.id }
                id = state.newId("event")
            case .clientChosenId:
                id = "event-" + StableHash.hex(idempotencyKey)
                if current.index(of: id) != nil { return id }
            case .tagLookup:
                id = state.newId("event")
            }
            let key = mode == .tagLookup ? nil : idempotencyKey
            current.items.append(InMemoryItem(id: id, outgoing: event, idempotencyKey: key))
            current.version += 1
            state.calendars[calendar] = current
            return id
        }
    }

    /// Overwrites an item's content; an occurrence cannot be rewritten on its own here (`.invalidRequest`).
    public func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws {
        try Self.validate(event)
        try await perform(.update, calendar: calendar) { state in
            var current = try state.calendar(calendar)
            guard let index = current.index(of: id) else {
                if current.owner(of: id) != nil {
                    throw CalendarError(
                        .invalidRequest, httpStatus: 400, providerCode: "occurrence",
                        message: "an occurrence cannot be updated on its own")
                }
                throw Self.gone(id)
            }
            current.items[index].apply(event)
            current.version += 1
            state.calendars[calendar] = current
        }
    }

    /// Deletes an item (a series with all its occurrences) or one occurrence.
    public func delete(_ id: String, in calendar: CalendarID) async throws {
        try await perform(.delete, calendar: calendar) { state in
            var current = try state.calendar(calendar)
            try Self.remove(id, from: &current)
            state.calendars[calendar] = current
        }
    }

    /// The first item (in creation order) carrying this tag value.
    public func find(tag: String, in calendar: CalendarID) async throws -> String? {
        try await perform(.find, calendar: calendar) { state in
            try state.calendar(calendar).items.first { $0.tag == tag }?.id
        }
    }

    static func remove(_ id: String, from calendar: inout InMemoryCalendar) throws(CalendarError) {
        guard let index = calendar.owner(of: id), calendar.items[index].entry(id) != nil else { throw gone(id) }
        if let date = calendar.items[index].occurrenceDate(id) {
            calendar.items[index].deletedOccurrences.insert(date)
        } else {
            calendar.items.remove(at: index)
        }
        calendar.version += 1
    }

    static func gone(_ id: String) -> CalendarError {
        CalendarError(.notFound, httpStatus: 404, providerCode: "notFound", message: "no event \(id)")
    }

    /// Refuses what no calendar system would store: an empty or reversed span, an unknown zone.
    static func validate(_ event: OutgoingEvent) throws(CalendarError) {
        func refuse(_ message: String) -> CalendarError {
            CalendarError(.invalidRequest, httpStatus: 400, providerCode: "invalidEvent", message: message)
        }
        guard TimeZone(identifier: event.zone) != nil else { throw refuse("unknown time zone \(event.zone)") }
        switch event.time {
        case .timed(let range, _): if range.isEmpty { throw refuse("the event ends before it starts") }
        case .allDay(let first, let end): if end <= first { throw refuse("the event ends before its first day") }
        }
    }
}
