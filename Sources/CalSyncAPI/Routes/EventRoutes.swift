import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation

/// Training events and their assignments (docs/api.md, "Training events"):
///
/// | route | role | answer |
/// |---|---|---|
/// | `PUT /v1/events/{id}` | scheduler | 201 created / 200 updated, with the sync state per person; 422 for an unknown person |
/// | `GET /v1/events/{id}` | reader | the event with the sync state and conflicts per person |
/// | `DELETE /v1/events/{id}` | scheduler | 204; the events go from the calendars |
/// | `PUT /v1/events/{id}/instructors/{instructorId}` | scheduler | 200; assigns (idempotent); 404 for an unknown person |
/// | `DELETE /v1/events/{id}/instructors/{instructorId}` | scheduler | 204; unassigns |
///
/// Every change and the push operations it implies are committed in one transaction (the outbox),
/// then the pusher is woken: the change reaches the calendars at once (the real-time path), with
/// the sync loop as backstop.
enum EventRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.get, "/v1/events/{id}", role: .reader) { try await get($0, context) }
        router.add(.put, "/v1/events/{id}", role: .scheduler) { try await put($0, context) }
        router.add(.delete, "/v1/events/{id}", role: .scheduler) { try await delete($0, context) }
        router.add(.put, "/v1/events/{id}/instructors/{instructorId}", role: .scheduler) { try await assign($0, context) }
        router.add(.delete, "/v1/events/{id}/instructors/{instructorId}", role: .scheduler) {
            try await unassign($0, context)
        }
    }

    /// 404 for an event the store does not know.
    static func notFound(_ id: String) -> APIError {
        APIError.notFound("Training event `\(APIServer.printable(id))`")
    }

    /// Changes the event `id` and plans its pushes in one transaction, then wakes the pusher.
    /// `change` gets the store (inside that transaction) and the current event (nil when unknown) and returns the
    /// new one (nil = delete it); it may throw to refuse the change, and then nothing is written. Returns the new
    /// event and whether it was created.
    static func change(
        _ id: String, _ context: APIContext,
        _ change: @escaping @Sendable (isolated CalSyncStore, TrainingEvent?) throws -> TrainingEvent?
    ) async throws -> (event: TrainingEvent?, created: Bool) {
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        let outcome = try await context.store.write { db -> (TrainingEvent?, Bool) in
            let existing = try db.trainingEvent(id: id)
            let updated = try change(db, existing)
            var created = false
            if let updated {
                created = try db.saveTrainingEvent(updated)
            } else {
                try db.deleteTrainingEvent(id: id)
            }
            // An unchanged event is no reason to push again what an admin marked processed (a retry in all but name).
            try OutboxPlanner.enqueue(
                in: db, itemKind: .event, itemId: id, now: now, vocabularies: vocabularies,
                skipProcessed: existing == updated)
            return (updated, created)
        }
        // Always: a key whose operation was already pending got nothing new, but its operation
        // must now carry the latest state of the event.
        context.sync.wakePusher()
        return outcome
    }

    /// 200 or 201 with the event's representation.
    static func respond(_ status: Int, _ event: TrainingEvent, _ context: APIContext) async throws -> HTTPResponse {
        JSONOutput.response(status, try await EventRepresentation.json(event, store: context.store))
    }
}
