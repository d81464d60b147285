import CalSyncCore
import CalSyncStore
import Foundation

/// Turns a change of scheduler data into pending push operations, written in the same transaction
/// as the change itself (docs/product-rules.md, reliability model: the outbox). Call it inside `store.write`:
///
/// ```swift
/// try await store.write { db in
///     try db.saveTrainingEvent(event)
///     try OutboxPlanner.enqueue(in: db, itemKind: .event, itemId: event.id, now: now)
/// }
/// sync.wakePusher()
/// ```
public enum OutboxPlanner {
    /// Plans one item (after it was saved or deleted): every push key of it whose calendar event
    /// must be created, updated or deleted gets a pending operation. Returns the operations written.
    /// `skipProcessed` leaves keys an admin marked processed alone (for re-planning when the item itself did not change);
    /// `failed` says whether a key whose operation failed is tried again (on that same operation) or left failed.
    @discardableResult
    public static func enqueue(
        in db: isolated CalSyncStore, itemKind: ItemKind, itemId: String, now: Date,
        vocabularies: ProviderVocabularies, skipProcessed: Bool = false,
        failed: CalSyncStore.FailedOperationRule = .retry
    ) throws -> [OperationRecord] {
        if itemKind == .absence {
            return try enqueueAbsence(
                in: db, absenceId: AbsenceRules.absenceId(ofItem: itemId), now: now, vocabularies: vocabularies,
                skipProcessed: skipProcessed, failed: failed)
        }
        var written: [OperationRecord] = []
        let event = try db.trainingEvent(id: itemId)
        let mappings = try db.mappings(itemKind: itemKind, itemId: itemId)
        for integration in try db.integrations() where integration.status == .active {
            let events = event.map { [$0] } ?? []
            let world = try World.load(
                db, integration: integration,
                instructorIds: Set(event?.instructorIds ?? []).union(mappings.map(\.key.instructorId)))
            let mine = mappings.filter { $0.key.integrationId == integration.id }
            let desired = world.desired(events, vocabularies: vocabularies)
            let actions = PushPlanner.plan(desired: desired, mappings: mine, managedInstructorIds: world.managed(mine))
            written += try record(actions, in: db, now: now, skipProcessed: skipProcessed, failed: failed)
        }
        return written
    }

    /// Plans one absence (given by its id, or by the item id of one of its segments, `<absenceId>~<part>`): an
    /// absence is several push keys (its segments), each created, updated or deleted as the absence now needs;
    /// a segment it no longer has (dates or halves changed, cancelled, denied, deleted) is deleted.
    @discardableResult
    static func enqueueAbsence(
        in db: isolated CalSyncStore, absenceId: String, now: Date, vocabularies: ProviderVocabularies,
        skipProcessed: Bool, failed: CalSyncStore.FailedOperationRule = .retry
    ) throws
        -> [OperationRecord]
    {
        var written: [OperationRecord] = []
        let absence = try db.absence(id: absenceId)
        let mappings = try db.absenceMappings(absenceId: absenceId)
        var people = Set(mappings.map(\.key.instructorId))
        if let absence { people.insert(absence.personId) }
        for integration in try db.integrations() where integration.status == .active {
            let world = try World.load(db, integration: integration, instructorIds: people)
            let mine = mappings.filter { $0.key.integrationId == integration.id }
            let desired = world.desired(absences: absence.map { [$0] } ?? [], vocabularies: vocabularies)
            let actions = PushPlanner.plan(desired: desired, mappings: mine, managedInstructorIds: world.managed(mine))
            written += try record(actions, in: db, now: now, skipProcessed: skipProcessed, failed: failed)
        }
        return written
    }

    /// Plans every item of one person (sync toggled, person deleted or re-matched).
    @discardableResult
    public static func enqueue(
        in db: isolated CalSyncStore, instructorId: String, now: Date,
        vocabularies: ProviderVocabularies
    ) throws -> [OperationRecord] {
        var items = Set(try db.trainingEvents(instructorId: instructorId, overlapping: nil).map(\.id))
        let mappings = try db.mappings(instructorId: instructorId)
        items.formUnion(mappings.filter { $0.key.itemKind == .event }.map(\.key.itemId))
        var absences = Set(try db.absences(personId: instructorId).map(\.id))
        absences.formUnion(mappings.filter { $0.key.itemKind == .absence }.map { AbsenceRules.absenceId(ofItem: $0.key.itemId) })
        return try items.sorted().flatMap {
            try enqueue(in: db, itemKind: .event, itemId: $0, now: now, vocabularies: vocabularies)
        }
            + absences.sorted().flatMap {
                try enqueueAbsence(in: db, absenceId: $0, now: now, vocabularies: vocabularies, skipProcessed: false)
            }
    }

    /// The backstop: plans everything of one integration (each cycle): training events and absences. Keys an admin marked
    /// processed are left alone until their item changes again; keys that failed are tried again, on the same operation.
    @discardableResult
    public static func enqueueAll(
        in db: isolated CalSyncStore, integration: Integration, now: Date,
        vocabularies: ProviderVocabularies
    ) throws -> [OperationRecord] {
        let events = try db.trainingEvents()
        let absences = try db.absences()
        let mappings = try db.mappings(integrationId: integration.id)
        let world = try World.load(db, integration: integration, instructorIds: nil)
        let desired =
            world.desired(events, vocabularies: vocabularies) + world.desired(absences: absences, vocabularies: vocabularies)
        let actions = PushPlanner.plan(desired: desired, mappings: mappings, managedInstructorIds: world.managed(mappings))
        return try record(actions, in: db, now: now, skipProcessed: true)
    }

    /// Queues one push per action on the key's open operation (`CalSyncStore.queueOperation`): a key has at most one,
    /// so a key already waiting gets nothing new and a key that keeps failing stays one line of the log.
    /// - Parameters:
    ///   - skipProcessed: leave keys whose latest operation an admin marked processed alone.
    ///   - failed: try a key whose operation failed again (`.retry`, on that same operation) or leave it failed.
    static func record(
        _ actions: [PushAction], in db: isolated CalSyncStore, now: Date, skipProcessed: Bool,
        failed: CalSyncStore.FailedOperationRule = .retry
    ) throws -> [OperationRecord] {
        var written: [OperationRecord] = []
        var seen = Set<PushKey>()
        for action in actions where seen.insert(action.key).inserted {
            if skipProcessed, try db.latestOperation(for: action.key)?.status == .processed { continue }
            if let queued = try db.queueOperation(action.key, action: action.operationAction, now: now, failed: failed) {
                written.append(queued)
            }
        }
        return written
    }
}

extension PushAction {
    /// The operations-log verb of this action.
    var operationAction: OperationRecord.Action {
        switch self {
        case .create: .create
        case .update: .update
        case .delete: .delete
        }
    }
}
