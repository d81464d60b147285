import CalSyncCore
import Foundation
import MicrosoftCalendarKit

// MARK: - Event writes shared by Graph routes, the side door and the tenant file

extension GraphEmulator {
    /// Creates an item from a request body. `viaGraph` is false for instructor-side events (tenant
    /// file, side door), which may also set `responseStatus`, `isCancelled`, `organizer` and `id`.
    /// With a known `transactionId`, returns the existing item or throws, per configuration (§5).
    static func createEvent(
        in state: inout EmulatorState, userId: String, body: EmulatorJSON, viaGraph: Bool, now: Date, zones: WindowsZones,
        configuration: EmulatorConfiguration
    ) throws(GraphError) -> StoredEvent {
        let payload = try EventPayload(body, zones: zones, organizerSide: !viaGraph)
        guard let start = payload.start, let end = payload.end else {
            throw GraphError.invalidRequest("An event must have both 'start' and 'end'.")
        }
        let isAllDay = payload.isAllDay ?? false
        try EventPayload.validateTimes(start: start, end: end, isAllDay: isAllDay)
        let mailbox = state.mailboxes[userId] ?? Mailbox()
        let canonical = body.canonicalBody
        if let transactionId = payload.transactionId, let existing = mailbox.event(withTransactionId: transactionId) {
            if existing.transactionBody == canonical, configuration.duplicateTransactionIdBehavior == .returnExisting {
                return existing
            }
            throw GraphError(
                status: existing.transactionBody == canonical ? 400 : configuration.duplicateTransactionIdStatus,
                code: "ErrorDuplicateTransactionId",
                message:
                    "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event."
            )
        }
        var id = state.newEventId()
        if let requested = payload.requestedId {
            guard mailbox.resolve(requested) == nil else {
                throw GraphError(status: 409, code: "ErrorItemSave", message: "An item with id '\(requested)' already exists.")
            }
            id = requested
        }
        let event = StoredEvent(
            id: id, sequence: state.takeSequence(), properties: payload.properties, start: start, end: end,
            isAllDay: isAllDay, recurrence: payload.recurrence ?? nil, extendedProperties: payload.extendedProperties,
            transactionId: payload.transactionId, transactionBody: payload.transactionId == nil ? nil : canonical,
            createdAt: now, modifiedAt: now, version: 1, generation: state.bumpGeneration(), cancelledDates: [],
            exceptions: [:], createdViaGraph: viaGraph,
            iCalUId: "040000008200E00074C5B7101A82E00800000000" + StableHash.hex(id).uppercased())
        state.withMailbox(userId) { $0.events[id] = event }
        state.subscriptions.record(EventChange(userId: userId, eventId: id, changeType: "created", changeKey: event.changeKey))
        return event
    }

    /// Applies a partial update to an item or to one occurrence (which becomes an exception).
    static func updateEvent(
        in state: inout EmulatorState, userId: String, eventId: String, body: EmulatorJSON, viaGraph: Bool, now: Date,
        zones: WindowsZones, ifMatch: String?
    ) throws(GraphError) -> EventInstance {
        guard let resolved = state.mailboxes[userId]?.resolve(eventId) else { throw GraphError.itemNotFound }
        if let ifMatch, ifMatch != "*", ifMatch != "W/\"\(resolved.instance.changeKey)\"", ifMatch != resolved.instance.changeKey
        {
            throw GraphError(
                status: 412, code: "ErrorIrresolvableConflict",
                message:
                    "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item."
            )
        }
        let payload = try EventPayload(body, zones: zones, organizerSide: !viaGraph)
        switch resolved {
        case .item(var event):
            if let transactionId = payload.transactionId, transactionId != event.transactionId {
                throw GraphError.invalidRequest("The transactionId of an event can't be changed.")
            }
            let start = payload.start ?? event.start
            let end = payload.end ?? event.end
            let isAllDay = payload.isAllDay ?? event.isAllDay
            try EventPayload.validateTimes(start: start, end: end, isAllDay: isAllDay)
            event.start = start
            event.end = end
            event.isAllDay = isAllDay
            if let recurrence = payload.recurrence { event.recurrence = recurrence }
            event.properties.merge(payload.properties) { _, new in new }
            ExtendedProperty.merge(payload.extendedProperties, into: &event.extendedProperties)
            event.version += 1
            event.modifiedAt = now
            event.generation = state.bumpGeneration()
            let updated = event
            state.withMailbox(userId) { $0.events[updated.id] = updated }
            state.subscriptions.record(
                .init(userId: userId, eventId: updated.id, changeType: "updated", changeKey: updated.changeKey))
            return EventInstance.item(updated)
        case .occurrence(var master, let date):
            if payload.recurrence != nil || payload.transactionId != nil {
                throw GraphError.invalidRequest("The recurrence or transactionId of an occurrence can't be set.")
            }
            if let isAllDay = payload.isAllDay, isAllDay != master.isAllDay {
                throw GraphError.invalidRequest("An occurrence can't change isAllDay; update the series instead.")
            }
            let current = EventInstance.occurrence(master, on: date)
            let start = payload.start ?? current.start
            let end = payload.end ?? current.end
            try EventPayload.validateTimes(start: start, end: end, isAllDay: master.isAllDay)
            try checkBoundaries(master, date: date, newStart: start.instant)
            var edit =
                master.exceptions[date] ?? OccurrenceOverride(properties: [:], start: nil, end: nil, version: 0, modifiedAt: now)
            edit.properties.merge(payload.properties) { _, new in new }
            edit.start = payload.start ?? edit.start
            edit.end = payload.end ?? edit.end
            edit.version += 1
            edit.modifiedAt = now
            master.exceptions[date] = edit
            master.generation = state.bumpGeneration()
            let updated = master
            state.withMailbox(userId) { $0.events[updated.id] = updated }
            // An occurrence edit changes the series: notified as an update of the master.
            state.subscriptions.record(
                .init(userId: userId, eventId: updated.id, changeType: "updated", changeKey: updated.changeKey))
            return EventInstance.occurrence(updated, on: date)
        }
    }

    /// An occurrence may not move onto or past a neighbouring occurrence (DOC,
    /// `ErrorOccurrenceCrossingBoundary`).
    static func checkBoundaries(_ master: StoredEvent, date: LocalDate, newStart: Date) throws(GraphError) {
        guard let recurrence = master.recurrence else { return }
        let nearby = recurrence.occurrenceDates(from: date.adding(days: -400), through: date.adding(days: 400))
            .filter { !master.cancelledDates.contains($0) && $0 != date }
        let previous = nearby.last { $0 < date }.map { EventInstance.occurrence(master, on: $0).startInstant }
        let next = nearby.first { $0 > date }.map { EventInstance.occurrence(master, on: $0).startInstant }
        if let previous, newStart <= previous { throw crossing }
        if let next, newStart >= next { throw crossing }
    }

    static let crossing = GraphError(
        status: 400, code: "ErrorOccurrenceCrossingBoundary",
        message: "An occurrence cannot be moved to or beyond the date of an adjacent occurrence.")

    /// Deletes an item (a series master takes its series along) or cancels one occurrence.
    static func deleteEvent(in state: inout EmulatorState, userId: String, eventId: String) throws(GraphError) {
        guard let resolved = state.mailboxes[userId]?.resolve(eventId) else { throw GraphError.itemNotFound }
        let generation = state.bumpGeneration()
        switch resolved {
        case .item(let event):
            state.withMailbox(userId) { mailbox in
                mailbox.events[event.id] = nil
                mailbox.tombstones.append(.init(id: event.id, generation: generation, wasSeries: event.isSeriesMaster))
            }
            state.subscriptions.record(
                .init(userId: userId, eventId: event.id, changeType: "deleted", changeKey: event.changeKey))
        case .occurrence(var master, let date):
            master.cancelledDates.insert(date)
            master.exceptions[date] = nil
            master.generation = generation
            let updated = master
            state.withMailbox(userId) { $0.events[updated.id] = updated }
            // A cancelled occurrence changes the series: notified as an update of the master.
            state.subscriptions.record(
                .init(userId: userId, eventId: updated.id, changeType: "updated", changeKey: updated.changeKey))
        }
    }
}
