import CalSyncCore
import CalSyncStore
import Foundation

extension EventPusher {
    /// Carries out one action and records it in the operations log.
    func perform(_ action: PushAction, integration: Integration, provider: any CalendarProvider, into outcome: inout Outcome)
        async
    {
        let kind: OperationRecord.Action
        switch action {
        case .create: kind = .create
        case .update: kind = .update
        case .delete: kind = .delete
        }
        var record = OperationRecord(key: action.key, action: kind, status: .pending, attempts: 1, createdAt: clock.now(),
                                     lastAttemptAt: clock.now())
        do {
            record.id = try await store.appendOperation(record)
            switch action {
            case .create(let desired, let existing):
                record.externalId = try await create(desired, existing: existing, provider: provider)
                outcome.created += 1
            case .update(let desired, let mapping):
                let (id, note) = try await update(desired, mapping: mapping, integration: integration, provider: provider)
                record.externalId = id
                record.note = note
                outcome.updated += 1
            case .delete(let mapping):
                record.externalId = mapping.externalId
                record.note = try await delete(mapping, provider: provider)
                outcome.deleted += 1
            }
            record.status = .success
        } catch {
            record.status = .error
            let calendarError = error as? CalendarError
            record.errorCode = calendarError?.code ?? calendarError?.kind.rawValue ?? "internal"
            record.errorMessage = calendarError?.message ?? "\(error)"
            record.httpStatus = calendarError?.httpStatus
            outcome.errors.append("\(kind.rawValue) \(action.key): \(error)")
            logger.warning("push failed", ["key": action.key.description, "action": kind.rawValue, "error": "\(error)"])
        }
        if record.id != 0 { try? await store.updateOperation(record) }
    }

    /// Creates the event. The mapping (with its transactionId) is stored before the request; after
    /// an ambiguous failure the next attempt looks the event up by its tag before creating again.
    func create(_ desired: DesiredEvent, existing: EventMapping?, provider: any CalendarProvider) async throws -> String {
        let userId = desired.calendarUserId
        var mapping: EventMapping
        if let existing {
            mapping = existing
            if let found = try await provider.findEvent(userId: userId, tag: desired.event.tag) {
                try await provider.updateEvent(userId: userId, eventId: found, event: desired.event)
                mapping.externalId = found
                mapping.fingerprint = desired.event.fingerprint
                mapping.updatedAt = clock.now()
                try await store.saveMapping(mapping)
                return found
            }
        } else {
            let generation = Int(clock.now().timeIntervalSince1970 * 1000)
            mapping = EventMapping(key: desired.key, calendarUserId: userId, externalId: nil,
                                   transactionId: TransactionID.make(for: desired.key, calendarUserId: userId, generation: generation),
                                   generation: generation, fingerprint: nil, updatedAt: clock.now())
            try await store.saveMapping(mapping)
        }
        let id = try await provider.createEvent(userId: userId, event: desired.event, transactionId: mapping.transactionId)
        mapping.externalId = id
        mapping.fingerprint = desired.event.fingerprint
        mapping.updatedAt = clock.now()
        try await store.saveMapping(mapping)
        return id
    }

    /// Updates the event; one deleted in the calendar meanwhile is recreated (the drift-repair issue
    /// adds the `repairDeletedEvents` switch and the detection of deletions between pushes).
    func update(_ desired: DesiredEvent, mapping: EventMapping, integration: Integration, provider: any CalendarProvider)
        async throws -> (String?, String?)
    {
        guard let eventId = mapping.externalId else {
            return (try await create(desired, existing: mapping, provider: provider), nil)
        }
        do {
            try await provider.updateEvent(userId: mapping.calendarUserId, eventId: eventId, event: desired.event)
        } catch let error as CalendarError where error.kind == .notFound {
            try await store.deleteMapping(for: mapping.key)
            let id = try await create(desired, existing: nil, provider: provider)
            return (id, "recreated: the event had been deleted in the calendar")
        }
        var updated = mapping
        updated.fingerprint = desired.event.fingerprint
        updated.updatedAt = clock.now()
        try await store.saveMapping(updated)
        return (eventId, nil)
    }

    /// Deletes the event; a 404 means someone already deleted it: done, and noted.
    func delete(_ mapping: EventMapping, provider: any CalendarProvider) async throws -> String? {
        var note: String? = nil
        var eventId = mapping.externalId
        if eventId == nil {
            // A create whose outcome was unknown: find it by its tag.
            eventId = try await provider.findEvent(userId: mapping.calendarUserId, tag: EventTag.value(for: mapping.key))
        }
        if let eventId {
            do {
                try await provider.deleteEvent(userId: mapping.calendarUserId, eventId: eventId)
            } catch let error as CalendarError where error.kind == .notFound {
                note = "already deleted"
            }
        }
        try await store.deleteMapping(for: mapping.key)
        return note
    }
}
