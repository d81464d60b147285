import CalSyncCore
import CalSyncStore
import Foundation

extension OutboxDrainer {
    /// Plans the operation's key again and carries out what is still needed, recording the result
    /// on the operation itself.
    func execute(_ queued: OperationRecord, into outcome: inout Outcome) async {
        // An admin may have marked it processed since it was loaded: then it is not carried out at all. It may also
        // have become a delete meanwhile (`CalSyncStore.queueOperation`).
        let operation = (try? await store.operation(id: queued.id)) ?? queued
        guard operation.status == .pending else { return }
        var record = operation
        record.attempts += 1
        record.lastAttemptAt = clock.now()
        do {
            guard let integration = try await store.integration(id: operation.key.integrationId) else {
                record.status = .error
                record.errorCode = "integration_removed"
                record.errorMessage = "the integration no longer exists"
                try await store.updateOperation(record)
                return
            }
            let action = try await currentAction(for: operation, integration: integration)
            guard let action else {
                record.status = .success
                record.note = record.note ?? "nothing to do: the calendar is already as it should be"
                outcome.unchanged += 1
                await finish(record, queuedAction: operation.action)
                return
            }
            let provider = try providers.provider(for: integration)
            let pusher = EventPusher(store: store, clock: clock)
            switch action {
            case .create(let desired, let existing):
                record.externalId = try await pusher.create(desired, existing: existing, provider: provider)
                outcome.created += 1
            case .update(let desired, let mapping):
                let (id, note) = try await pusher.update(desired, mapping: mapping, provider: provider)
                record.externalId = id
                record.note = note ?? record.note
                outcome.updated += 1
            case .delete(let mapping):
                record.externalId = mapping.externalId
                record.note = try await pusher.delete(mapping, provider: provider) ?? record.note
                outcome.deleted += 1
            }
            record.action = action.operationAction
            record.status = .success
            record.notBefore = nil
            record.errorCode = nil
            record.errorMessage = nil
            record.httpStatus = nil
        } catch {
            let calendarError = error as? CalendarError
            record.errorCode = calendarError?.recordedCode ?? "internal"
            record.errorMessage = calendarError?.message ?? "\(error)"
            record.httpStatus = calendarError?.httpStatus
            if let delay = RetryPolicy.requeueDelay(for: calendarError, attempts: record.attempts) {
                // Throttled or transient: the write waits in the outbox, never dropped.
                record.status = .pending
                record.notBefore = clock.now().addingTimeInterval(delay)
                outcome.requeued += 1
                logger.info(
                    "push requeued",
                    [
                        "key": record.key.description, "action": record.action.rawValue,
                        "retryInSeconds": String(format: "%.2f", delay), "error": "\(error)",
                    ])
            } else {
                record.status = .error
                record.notBefore = nil
                outcome.errors.append("\(record.action.rawValue) \(record.key): \(error)")
                logger.warning(
                    "push failed", ["key": record.key.description, "action": record.action.rawValue, "error": "\(error)"])
            }
        }
        await finish(record, queuedAction: operation.action)
    }

    /// Records the operation's outcome; after a success, plans its item again (see below).
    /// - Parameter queuedAction: the action the operation had when it started (a delete may have been asked for since).
    func finish(_ record: OperationRecord, queuedAction: OperationRecord.Action) async {
        do {
            let finished = record
            let now = clock.now()
            let vocabularies = providers.vocabularies
            try await store.write { db in
                let current = try db.operation(id: finished.id)
                // An admin may have marked it processed while it ran (it was already on its way): that word is final,
                // but the log still says what was done, so it matches the calendar.
                if var processed = current, processed.status == .processed {
                    processed.attempts = finished.attempts
                    processed.lastAttemptAt = finished.lastAttemptAt
                    processed.externalId = finished.externalId ?? processed.externalId
                    processed.note =
                        "marked processed while it ran; it ended in \(finished.status.rawValue)"
                        + (finished.errorCode.map { " (\($0))" } ?? "")
                    try db.updateOperation(processed)
                    return
                }
                // A delete asked for while it ran (a person's `removeEvents`, a purge) turned the operation into one;
                // this push does not carry it out, so it is queued again once the push is recorded.
                let deleteAsked = current?.status == .pending && current?.action == .delete && queuedAction != .delete
                try db.updateOperation(finished)
                if deleteAsked { try db.queueOperation(finished.key, action: .delete, now: now) }
                // A change committed while this operation ran found it pending and queued nothing (one open
                // operation per key), and what it did was planned before that change; likewise a person's move
                // to another calendar is a delete here, then a create there. Plan the item again, in the same
                // transaction, so what is still needed is queued now rather than left to the next cycle. Keys an
                // admin marked processed stay alone, as in the cycle's backstop, and so do keys that failed: nothing
                // this success did is a reason to try them again (the backstop, a change of the item or an admin does).
                if finished.status == .success {
                    try OutboxPlanner.enqueue(
                        in: db, itemKind: finished.key.itemKind, itemId: finished.key.itemId,
                        now: now, vocabularies: vocabularies, skipProcessed: true, failed: .leave)
                }
            }
        } catch {
            logger.error("could not record an operation's outcome", ["operation": "\(record.id)", "error": "\(error)"])
        }
    }

    /// What the key needs now. A delete asked for explicitly (purge, `removeEvents`) is honoured even
    /// for people whose events the planner would otherwise leave alone.
    func currentAction(for operation: OperationRecord, integration: Integration) async throws -> PushAction? {
        let key = operation.key
        let mapping = try await store.mapping(for: key)
        let world = try await store.write { db in
            try World.load(db, integration: integration, instructorIds: [key.instructorId])
        }
        var desired: [DesiredEvent] = []
        if integration.status == .active {
            switch key.itemKind {
            case .event:
                if let event = try await store.trainingEvent(id: key.itemId) {
                    desired = world.desired([event], vocabularies: providers.vocabularies).filter { $0.key == key }
                }
            case .absence:
                if let absence = try await store.absence(id: AbsenceRules.absenceId(ofItem: key.itemId)) {
                    desired = world.desired(absences: [absence], vocabularies: providers.vocabularies).filter { $0.key == key }
                }
            }
        }
        let mappings = mapping.map { [$0] } ?? []
        if operation.action == .delete, desired.isEmpty, let mapping { return .delete(mapping) }
        return PushPlanner.plan(desired: desired, mappings: mappings, managedInstructorIds: world.managed(mappings)).first
    }
}
