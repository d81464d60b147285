import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// Initialization, a batch sync from a date (`POST /v1/integrations/{id}/initialize`, the admin pages' form;
/// design.md, "Initialization (batch sync)").
///
/// Finds every training event ending at or after `since` (midnight UTC) with at least one assigned instructor of
/// the chosen establishments ([] = every establishment the integration covers), and every absence of those people
/// whose last day is `since` or later, and plans their pushes for those people in this integration, in one
/// transaction. `items` is how many events and absences were found (cancelled and denied absences count: their
/// entries are deleted if any are left), `operations` how many pushes were queued (items already as they should be
/// in the calendar need none). Operations an admin marked processed are left alone. An inactive integration → 409.
enum IntegrationInitializer {
    static func run(integrationId id: String, since: LocalDate, establishments chosenList: [String], _ context: APIContext)
        async throws -> (items: Int, operations: Int)
    {
        let chosen = Set(chosenList)
        let sinceInstant = Date(timeIntervalSince1970: Double(since.daysSinceEpoch) * 86_400)
        let now = IntegrationRoutes.now(context)
        let zones = context.zones
        let (items, operations) = try await context.store.write { db -> (Int, Int) in
            guard let integration = try db.integration(id: id) else { throw IntegrationRoutes.notFound(id) }
            guard try db.purgeRequestedAt(integrationId: id) == nil else { throw IntegrationRoutes.beingRemoved(id) }
            guard integration.status == .active else {
                throw APIError.conflict("The integration is inactive: set its status to active before initializing it.")
            }
            try checkCovered(chosenList, by: integration)
            let people = Set(
                try db.instructors().filter { person in
                    guard integration.covers(establishment: person.establishment) else { return false }
                    return chosen.isEmpty || person.establishment.map(chosen.contains) == true
                }.map(\.id))
            let events = try db.trainingEvents().filter { event in
                event.end >= sinceInstant && event.instructorIds.contains(where: people.contains)
            }
            let absences = try db.absences(endingOnOrAfter: since).filter { people.contains($0.personId) }
            let written = try OutboxPlanner.enqueueInitialization(
                in: db, integration: integration, events: events, absences: absences, instructorIds: people, now: now,
                zones: zones)
            return (events.count + absences.count, written.count)
        }
        if operations > 0 { context.sync.wakePusher() }
        return (items, operations)
    }

    /// Every chosen establishment must be one the integration covers (422 naming `establishments[i]`).
    static func checkCovered(_ given: [String], by integration: Integration) throws {
        guard !integration.establishments.isEmpty else { return }
        guard let bad = given.firstIndex(where: { !integration.establishments.contains($0) }) else { return }
        throw APIError.invalid(
            "establishments[\(bad)]",
            "`establishments[\(bad)]` is not covered by this integration (it covers: "
                + integration.establishments.joined(separator: ", ") + ").")
    }
}
