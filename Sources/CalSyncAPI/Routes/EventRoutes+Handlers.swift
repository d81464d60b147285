import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - Read, upsert and delete training events

extension EventRoutes {
    /// `GET /v1/events/{id}`.
    static func get(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        guard let event = try await context.store.trainingEvent(id: id) else { throw notFound(id) }
        return try await respond(200, event, context)
    }

    /// `PUT /v1/events/{id}`: 201 when created, 200 when updated. Without `instructorIds` in the body
    /// the current assignments are kept. A cancelled event is deleted from the calendars. As for absences, every
    /// person assigned must be known (422 naming the entry, `instructorIds[2]`): send the person first.
    static func put(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let input = try EventInput(id: request.param("id"), body: request.body())
        let (event, created) = try await change(input.id, context) { db, existing in
            for (index, instructorId) in (input.instructorIds ?? []).enumerated() {
                guard try db.instructor(id: instructorId) == nil else { continue }
                let field = "instructorIds[\(index)]"
                throw APIError.invalid(
                    field,
                    "`\(field)` names no known instructor (`\(APIServer.printable(instructorId))`); send the person first "
                        + "(PUT /v1/instructors/{id}).")
            }
            return input.event(existing: existing)
        }
        guard let event else { throw notFound(input.id) }  // never: the change always returns an event
        return try await respond(created ? 201 : 200, event, context)
    }

    /// `DELETE /v1/events/{id}`: 204. The planner turns the missing event into a delete for each of
    /// its mappings, queued in the same transaction as the deletion.
    static func delete(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        _ = try await change(id, context) { _, existing in
            guard existing != nil else { throw notFound(id) }
            return nil
        }
        return HTTPResponse(status: 204)
    }
}
