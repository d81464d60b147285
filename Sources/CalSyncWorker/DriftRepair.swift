import CalSyncCore
import CalSyncStore
import Foundation

/// Puts back pushed events people changed in their calendar (docs/product-rules.md, "Who owns what": the
/// scheduler wins on time, title, location), and recreates the ones they deleted when
/// `repairDeletedEvents` is on. Both are written to the outbox with a note, so the operations log says so.
struct DriftRepair: Sendable {
    let store: CalSyncStore
    let clock: any WallClock
    let logger: Logger

    struct Outcome: Sendable {
        var putBack = 0
        var recreated = 0
    }

    func handle(
        changed: [ExternalEvent], removed: [String], integration: Integration, instructorId: String,
        calendarId: CalendarID, calendarZone: TimeZone, provider: any CalendarProvider
    ) async throws -> Outcome {
        guard !changed.isEmpty || !removed.isEmpty else { return Outcome() }
        var byExternalId: [String: EventMapping] = [:]
        for mapping in try await store.mappings(instructorId: instructorId)
        where mapping.key.integrationId == integration.id && mapping.calendarId == calendarId {
            if let id = mapping.externalId { byExternalId[id] = mapping }
        }
        var outcome = Outcome()
        for event in changed {
            guard let mapping = byExternalId[event.id],
                try await hasDrifted(
                    event, mapping: mapping, calendarZone: calendarZone,
                    settings: integration.settings)
            else {
                continue
            }
            if try await requeue(
                mapping, action: .update, note: "put back: the event had been changed in the calendar",
                dropMapping: false)
            {
                outcome.putBack += 1
            }
        }
        for id in removed {
            guard let mapping = byExternalId[id] else { continue }
            // A removal may also mean the event merely left the window: only "not found" proves a deletion.
            do {
                _ = try await provider.event(id, in: calendarId)
                continue
            } catch let error as CalendarError where error.isGone {}
            if integration.settings.repairDeletedEvents {
                if try await requeue(
                    mapping, action: .create, note: "recreated: the event had been deleted in the calendar",
                    dropMapping: true)
                {
                    outcome.recreated += 1
                }
            } else {
                let record = OperationRecord(
                    key: mapping.key, action: .create, status: .processed, createdAt: clock.now(),
                    externalId: id, note: "deleted in the calendar; not recreated (repairDeletedEvents is off)")
                _ = try await store.appendOperation(record)
            }
        }
        return outcome
    }

    /// The event's time, free/busy, title or location differs from what CalSync pushed for its training event or
    /// absence segment. (An answer without a subject says nothing about the title and location.)
    func hasDrifted(
        _ event: ExternalEvent, mapping: EventMapping, calendarZone: TimeZone,
        settings: SyncSettings = SyncSettings()
    ) async throws -> Bool {
        switch mapping.key.itemKind {
        case .event:
            guard let training = try await store.trainingEvent(id: mapping.key.itemId), training.status == .scheduled else {
                return false
            }
            if event.isCancelled || event.showAs != .busy || event.isAllDay { return true }
            let wanted = PushRules.outgoing(for: training, key: mapping.key, settings: settings)
            if let digest = event.labelDigest, digest != wanted.labelDigest { return true }
            guard let range = PullRules.interval(of: event, calendarZone: calendarZone) else { return true }
            return range != training.range
        case .absence:
            guard let absence = try await store.absence(id: AbsenceRules.absenceId(ofItem: mapping.key.itemId)),
                absence.isActive
            else { return false }
            let part = mapping.key.itemId.split(separator: "~", maxSplits: 1).dropFirst().first.map(String.init)
            guard let segment = AbsenceRules.segments(of: absence, settings: settings).first(where: { $0.part == part }) else {
                return false  // the segment is no longer wanted: the planner deletes it
            }
            var allDay = false
            if case .allDay = segment.shape { allDay = true }
            if event.isCancelled || event.showAs != AbsenceRules.showAs(for: absence, settings: settings)
                || event.isAllDay != allDay
            {
                return true
            }
            let label = EventLabel.digest(subject: AbsenceRules.label(for: absence, settings: settings), location: nil)
            if let digest = event.labelDigest, digest != label { return true }
            guard let range = PullRules.interval(of: event, calendarZone: calendarZone) else { return true }
            return range != segment.range(in: calendarZone)
        }
    }

    /// Writes a pending operation for the key (and forgets the mapping of a deleted event, so the
    /// create gets a fresh idempotency key), in one transaction. Returns false, doing nothing, when the
    /// key's mapping no longer names the event this repair is about: the pusher moved on meanwhile
    /// (deleted it, or created its successor), and writing the older mapping back — or dropping the
    /// successor's — would leave an event CalSync no longer knows about, later duplicated.
    func requeue(_ mapping: EventMapping, action: OperationRecord.Action, note: String, dropMapping: Bool) async throws -> Bool {
        let now = clock.now()
        let done = try await store.write { db -> Bool in
            guard let current = try db.mapping(for: mapping.key), current.externalId == mapping.externalId,
                current.calendarId == mapping.calendarId
            else { return false }
            if dropMapping {
                try db.deleteMapping(for: mapping.key)
            } else {
                var stale = current
                stale.fingerprint = nil  // the planner then sees an update to make
                try db.saveMapping(stale)
            }
            try db.queueOperation(mapping.key, action: action, now: now, note: note)
            return true
        }
        if done { logger.info("drift repair queued", ["key": mapping.key.description, "action": action.rawValue, "note": note]) }
        return done
    }
}
