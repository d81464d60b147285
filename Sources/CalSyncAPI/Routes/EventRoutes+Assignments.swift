import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - Assigning and unassigning one person

extension EventRoutes {
    /// `PUT /v1/events/{id}/instructors/{instructorId}`: 200 with the event. Idempotent: assigning
    /// someone already assigned changes nothing (their pushes are re-planned all the same). 404 when the event or
    /// the person is unknown (as in the event's `instructorIds`, the person must be sent first).
    static func assign(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        try refuseBodyFields(request)
        let id = request.param("id")
        let instructorId = try ResourceID.require(request.param("instructorId"), field: "instructorId")
        let (event, _) = try await change(id, context) { db, existing in
            guard var event = existing else { throw notFound(id) }
            if !event.instructorIds.contains(instructorId) {
                guard try db.instructor(id: instructorId) != nil else { throw InstructorRoutes.notFound(instructorId) }
                guard event.instructorIds.count < EventInput.maxInstructors else {
                    throw APIError.invalid(
                        "instructorId", "A training event has at most \(EventInput.maxInstructors) instructors.")
                }
                event.instructorIds.append(instructorId)
            }
            return event
        }
        guard let event else { throw notFound(id) }  // never: the change always returns an event
        return try await respond(200, event, context)
    }

    /// `DELETE /v1/events/{id}/instructors/{instructorId}`: 204; 404 when the event is unknown or the
    /// person is not assigned to it. The planner queues the delete of the person's pushed event.
    static func unassign(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let instructorId = request.param("instructorId")
        _ = try await change(id, context) { _, existing in
            guard var event = existing else { throw notFound(id) }
            guard let index = event.instructorIds.firstIndex(of: instructorId) else {
                throw APIError.notFound(
                    "Instructor `\(APIServer.printable(instructorId))` assigned to training event `\(APIServer.printable(id))`")
            }
            event.instructorIds.remove(at: index)
            return event
        }
        return HTTPResponse(status: 204)
    }

    /// The assignment routes take no body; one that is sent must be an empty JSON object.
    static func refuseBodyFields(_ request: APIRequest) throws {
        guard !request.http.body.isEmpty else { return }
        try request.body().allowOnly([])
    }
}
