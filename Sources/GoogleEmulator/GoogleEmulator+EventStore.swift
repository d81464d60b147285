import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Writes on a calendar, shared by the API and the side door (under the lock)

extension GoogleEmulator {
    /// Creates an event: the client's id (checked, 409 `duplicate` when taken, deleted events included) or a new one.
    /// A person's own client may use dates relative to today (`RelativeDate`) and any id.
    static func insertStoredEvent(
        in state: inout GoogleState, userId: String, body: JSONValue, as author: GoogleEventAuthor, creator: String, now: Date,
        configuration: GoogleEmulatorConfiguration
    ) throws(GoogleError) -> GoogleStoredEvent {
        guard var input = body.objectValue else { throw GoogleError.parseError }
        let calendar = state.calendars[userId]
        if author == .person, let calendar { input = RelativeDate.resolve(input, zone: calendar.zone, now: now) }
        let id: String
        if let requested = input["id"] {
            guard let text = requested.stringValue else { throw GoogleError.invalid("Invalid resource id value.") }
            if author.isAPI {
                try GoogleEventRules.checkClientId(text)
            } else if text.isEmpty {
                throw GoogleError.invalid("Invalid resource id value.")
            }
            guard calendar?.events[text] == nil else { throw GoogleError.duplicate }
            id = text
        } else {
            id = state.newEventId()
        }
        var (fields, start, end, recurrence) = try GoogleEventRules(author: author).validate(input)
        let organizer = fields["organizer"]?["email"]?.stringValue ?? calendar?.owner ?? creator
        fields["organizer"] = nil
        return state.withCalendar(userId) { calendar in
            let event = GoogleStoredEvent(
                id: id, fields: fields, start: start, end: end, recurrence: recurrence, created: now, updated: now,
                change: calendar.nextChange(), revision: 1, creator: creator, organizer: organizer)
            calendar.add(event)
            return event
        }
    }

    /// Applies a patch to an event, a series or one occurrence; returns the item as it now is.
    static func patchStoredEvent(
        in state: inout GoogleState, userId: String, eventId: String, body: JSONValue, as author: GoogleEventAuthor,
        ifMatch: String?, now: Date, configuration: GoogleEmulatorConfiguration
    ) throws(GoogleError) -> GoogleEventView {
        guard var patch = body.objectValue else { throw GoogleError.parseError }
        guard let calendar = state.calendars[userId], let current = calendar.lookup(eventId) else { throw GoogleError.notFound }
        if author == .person { patch = RelativeDate.resolve(patch, zone: calendar.zone, now: now) }
        if let ifMatch, ifMatch != "*", ifMatch != current.etag { throw GoogleError.conditionNotMet }
        if let id = patch["id"], id.stringValue != eventId { throw GoogleError.invalid("The event id cannot be changed.") }
        if let type = patch["eventType"], type.stringValue != current.eventType {
            throw GoogleError.invalid("The event type cannot be changed.")
        }
        if current.recurringEventId != nil, patch["recurrence"] != nil {
            throw GoogleError.invalid("An occurrence of a recurring event cannot have its own recurrence.")
        }
        if current.isCancelled, author.isAPI {
            guard configuration.deletedEventPatch == .revive else { throw GoogleError.forbidden }
        }
        patch["id"] = nil
        var base = current.fields
        base["start"] = .object(current.start.objectFields)
        base["end"] = .object(current.end.objectFields)
        let merged = GoogleEventPatch.merge(base, patch)
        let checked = try GoogleEventRules(author: author).validate(merged)
        let timeChanged = checked.start != current.start || checked.end != current.end
        return state.withCalendar(userId) { calendar in
            let change = calendar.nextChange()
            if var event = calendar.events[eventId] {
                event.fields = checked.fields
                event.fields["organizer"] = nil
                event.start = checked.start
                event.end = checked.end
                event.recurrence = checked.recurrence
                event.updated = now
                event.change = change
                event.revision += 1
                if timeChanged { event.sequence += 1 }
                calendar.events[eventId] = event
                return calendar.view(event)
            }
            // An occurrence: store what differs from the series.
            guard let (series, originalStart) = calendar.occurrenceTarget(eventId) else { return current }
            let key = GoogleInstanceKey.key(originalStart)
            var exception =
                series.exceptions[key]
                ?? GoogleInstanceException(
                    originalStart: originalStart, fields: [:], updated: now, change: change, revision: 0)
            exception.fields = GoogleEventPatch.merge(exception.fields, patch.filter { $0.key != "start" && $0.key != "end" })
            exception.start = checked.start
            exception.end = checked.end
            exception.updated = now
            exception.change = change
            exception.revision += 1
            calendar.events[series.id]?.exceptions[key] = exception
            return calendar.events[series.id].map { calendar.occurrence($0, originalStart: originalStart) } ?? current
        }
    }

    /// Deletes an event or series (it stays, cancelled), or cancels one occurrence: 404 `notFound` for an unknown id,
    /// 410 `deleted` when it already is.
    static func deleteStoredEvent(in state: inout GoogleState, userId: String, eventId: String, now: Date) throws(GoogleError) {
        guard let calendar = state.calendars[userId], let current = calendar.lookup(eventId) else { throw GoogleError.notFound }
        guard !current.isCancelled else { throw GoogleError.deleted }
        state.withCalendar(userId) { calendar in
            let change = calendar.nextChange()
            if var event = calendar.events[eventId] {
                event.fields["status"] = "cancelled"
                event.updated = now
                event.change = change
                event.revision += 1
                calendar.events[eventId] = event
                return
            }
            guard let (series, originalStart) = calendar.occurrenceTarget(eventId) else { return }
            let key = GoogleInstanceKey.key(originalStart)
            var exception =
                series.exceptions[key]
                ?? GoogleInstanceException(
                    originalStart: originalStart, fields: [:], updated: now, change: change, revision: 0)
            exception.fields["status"] = "cancelled"
            exception.updated = now
            exception.change = change
            exception.revision += 1
            calendar.events[series.id]?.exceptions[key] = exception
        }
    }
}

extension GoogleEventTime {
    /// The time as request fields (`date`, or `dateTime` in UTC with its `timeZone`), for merging a patch over it.
    var objectFields: [String: JSONValue] {
        json(in: TimeZone(identifier: "UTC")!).objectValue ?? [:]
    }
}
