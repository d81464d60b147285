import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// Initialization, a batch sync from a date (`POST /v1/integrations/{id}/initialize`, the admin pages' form;
/// docs/product-rules.md, "Initialization (batch sync)").
///
/// Reads the people, training events and absences, lets `InitializationSelection` take those that count (ending
/// on or after `since`, of people of the chosen establishments, [] = every establishment the integration covers)
/// and plans their pushes for those people in this integration, in one transaction. `items` is how many events
/// and absences were taken, `operations` how many pushes were queued (items already as they should be in the
/// calendar need none). Operations an admin marked processed are left alone. An inactive integration → 409.
enum IntegrationInitializer {
    static func run(integrationId id: String, since: LocalDate, establishments chosenList: [String], _ context: APIContext)
        async throws -> (items: Int, operations: Int)
    {
        let now = IntegrationRoutes.now(context)
        let vocabularies = context.vocabularies
        let (items, operations) = try await context.store.write { db -> (Int, Int) in
            guard let integration = try db.integration(id: id) else { throw IntegrationRoutes.notFound(id) }
            guard try db.purgeRequestedAt(integrationId: id) == nil else { throw IntegrationRoutes.beingRemoved(id) }
            guard integration.status == .active else {
                throw APIError.conflict("The integration is inactive: set its status to active before initializing it.")
            }
            try checkCovered(chosenList, by: integration)
            let selection = InitializationSelection(since: since, chosen: chosenList, integration: integration)
            let items = selection.select(
                instructors: try db.instructors(), events: try db.trainingEvents(),
                absences: try db.absences(endingOnOrAfter: since))
            let written = try OutboxPlanner.enqueueInitialization(
                in: db, integration: integration, events: items.events, absences: items.absences,
                instructorIds: items.people, now: now, vocabularies: vocabularies)
            return (items.count, written.count)
        }
        if operations > 0 { context.sync.wakePusher() }
        return (items, operations)
    }

    /// Every chosen establishment must be one the integration covers (422 naming `establishments[i]`).
    static func checkCovered(_ given: [String], by integration: Integration) throws {
        guard let bad = InitializationSelection.firstUncovered(given, covered: integration.establishments) else { return }
        throw APIError.invalid(
            "establishments[\(bad)]",
            "`establishments[\(bad)]` is not covered by this integration (it covers: "
                + integration.establishments.joined(separator: ", ") + ").")
    }
}
