import CalSyncCore
import CalSyncStore
import Foundation

extension OutboxPlanner {
    /// Initialization (batch sync, docs/product-rules.md "Push rules — absences", `POST /v1/integrations/{id}/initialize`):
    /// plans the given training events and absences (those `InitializationSelection` took) in one integration, for
    /// the given people only. Keys an admin marked processed are left alone ("never retried, not even by an
    /// initialization"); keys with a pending operation keep it. Call it inside `store.write`; returns the
    /// operations written.
    @discardableResult
    public static func enqueueInitialization(
        in db: isolated CalSyncStore, integration: Integration, events: [TrainingEvent], absences: [Absence] = [],
        instructorIds: Set<String>, now: Date, vocabularies: ProviderVocabularies
    ) throws -> [OperationRecord] {
        guard integration.status == .active, !events.isEmpty || !absences.isEmpty, !instructorIds.isEmpty else { return [] }
        let itemIds = Set(events.map(\.id))
        let absenceIds = Set(absences.map(\.id))
        let mappings = try db.mappings(integrationId: integration.id).filter { mapping in
            guard instructorIds.contains(mapping.key.instructorId) else { return false }
            switch mapping.key.itemKind {
            case .event: return itemIds.contains(mapping.key.itemId)
            case .absence: return absenceIds.contains(AbsenceRules.absenceId(ofItem: mapping.key.itemId))
            }
        }
        let world = try World.load(db, integration: integration, instructorIds: instructorIds)
        let desired =
            (world.desired(events, vocabularies: vocabularies) + world.desired(absences: absences, vocabularies: vocabularies))
            .filter { instructorIds.contains($0.key.instructorId) }
        let actions = PushPlanner.plan(desired: desired, mappings: mappings, managedInstructorIds: world.managed(mappings))
        return try record(actions, in: db, now: now, skipProcessed: true)
    }
}
