import CalSyncCore
import CalSyncStore
import Foundation

/// Writes one push key's event to a calendar: create (idempotently), update, delete.
struct EventPusher: Sendable {
    let store: CalSyncStore
    let clock: any WallClock

    /// Creates the event. The mapping (with its idempotency key) is stored before the request; after
    /// an ambiguous failure the next attempt looks the event up by its tag before creating again.
    func create(_ desired: DesiredEvent, existing: EventMapping?, provider: any CalendarProvider) async throws -> String {
        let calendarId = desired.calendarId
        var mapping: EventMapping
        if let existing {
            mapping = existing
            if let found = try await provider.find(tag: desired.event.tag, in: calendarId) {
                try await provider.update(found, in: calendarId, to: desired.event)
                mapping.externalId = found
                mapping.fingerprint = desired.fingerprint
                mapping.updatedAt = clock.now()
                try await store.saveMapping(mapping)
                return found
            }
        } else {
            let generation = Int(clock.now().timeIntervalSince1970 * 1000)
            mapping = EventMapping(
                key: desired.key, calendarId: calendarId, externalId: nil,
                idempotencyKey: IdempotencyKey.make(for: desired.key, calendarId: calendarId, generation: generation),
                generation: generation, fingerprint: nil, updatedAt: clock.now())
            try await store.saveMapping(mapping)
        }
        let id = try await provider.create(desired.event, in: calendarId, idempotencyKey: mapping.idempotencyKey)
        mapping.externalId = id
        mapping.fingerprint = desired.fingerprint
        mapping.updatedAt = clock.now()
        try await store.saveMapping(mapping)
        return id
    }

    /// Updates the event; one deleted in the calendar meanwhile is recreated (the drift-repair issue
    /// adds the `repairDeletedEvents` switch and the detection of deletions between pushes).
    func update(_ desired: DesiredEvent, mapping: EventMapping, provider: any CalendarProvider) async throws -> (String?, String?)
    {
        guard let eventId = mapping.externalId else {
            return (try await create(desired, existing: mapping, provider: provider), nil)
        }
        try await forgetContent(of: mapping)
        do {
            try await provider.update(eventId, in: mapping.calendarId, to: desired.event)
        } catch let error as CalendarError where error.isGone {
            try await store.deleteMapping(for: mapping.key)
            let id = try await create(desired, existing: nil, provider: provider)
            return (id, "recreated: the event had been deleted in the calendar")
        }
        var updated = mapping
        updated.fingerprint = desired.fingerprint
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
            eventId = try await provider.find(tag: EventTag.value(for: mapping.key), in: mapping.calendarId)
        }
        if let eventId {
            try await forgetContent(of: mapping)
            do {
                try await provider.delete(eventId, in: mapping.calendarId)
            } catch let error as CalendarError where error.isGone {
                note = "already deleted"
            }
        }
        try await store.deleteMapping(for: mapping.key)
        return note
    }

    /// Clears the mapping's fingerprint before an update or delete is sent. From then on the calendar's
    /// content is unknown until the answer is recorded: if the process dies in between (or the outcome
    /// is ambiguous), the next plan must not take the old fingerprint for what the calendar holds. Else a
    /// delete carried out just before a crash, with the item then wanted again unchanged, left a mapping
    /// naming a deleted event and "nothing to do" (a missing event); and an update A → B sent just before a
    /// crash, with the item then set back to A, left B in the calendar. With no fingerprint the planner
    /// sends an update, which puts the content back or, on 404, recreates the event.
    func forgetContent(of mapping: EventMapping) async throws {
        guard mapping.fingerprint != nil else { return }
        var unknown = mapping
        unknown.fingerprint = nil
        unknown.updatedAt = clock.now()
        try await store.saveMapping(unknown)
    }
}
