import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation

// MARK: - Initialize (batch sync from a date)

extension IntegrationRoutes {
    /// `POST /v1/integrations/{id}/initialize` `{ "since": "YYYY-MM-DD", "establishments": [...] }` → 202
    /// `{ "items", "operations" }` (design.md, "Initialization (batch sync)").
    ///
    /// Finds every training event ending at or after `since` (midnight UTC) with at least one assigned instructor
    /// of the chosen establishments (omitted or [] = every establishment the integration covers), and every absence
    /// of those people whose last day is `since` or later, and plans their pushes for those people in this
    /// integration, in one transaction. `items` is how many events and absences were found (cancelled and denied
    /// absences count: their entries are deleted if any are left), `operations` how many pushes were queued
    /// (items already as they should be in the calendar need none).
    /// Operations an admin marked processed are left alone. An inactive integration answers 409.
    static func initialize(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let body = try request.body()
        try body.allowOnly(["since", "establishments"])
        let since = try body.required("since") { try body.date($0) }
        let chosen = Set(try IntegrationInput.establishments(body) ?? [])
        let sinceInstant = Date(timeIntervalSince1970: Double(since.daysSinceEpoch) * 86_400)
        let now = Self.now(context)
        let zones = context.zones
        let (items, operations) = try await context.store.write { db -> (Int, Int) in
            guard let integration = try db.integration(id: id) else { throw notFound(id) }
            guard try db.purgeRequestedAt(integrationId: id) == nil else { throw beingRemoved(id) }
            guard integration.status == .active else {
                throw APIError.conflict("The integration is inactive: set its status to active before initializing it.")
            }
            try checkCovered(body, by: integration)
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
        return JSONOutput.response(202, ["items": items, "operations": operations])
    }

    /// Every chosen establishment must be one the integration covers (422 naming `establishments[i]`).
    static func checkCovered(_ body: JSONInput, by integration: Integration) throws {
        guard !integration.establishments.isEmpty else { return }
        let given = try body.stringArray("establishments", maxCount: 1_000, maxLength: 128) ?? []
        guard let bad = given.firstIndex(where: { !integration.establishments.contains($0) }) else { return }
        throw APIError.invalid(
            "establishments[\(bad)]",
            "`establishments[\(bad)]` is not covered by this integration (it covers: "
                + integration.establishments.joined(separator: ", ") + ").")
    }
}
