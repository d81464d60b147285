import CalSyncCore
import CalSyncHTTP
import Foundation

/// People the scheduler assigns (docs/api.md, "Instructors"):
///
/// | route | role | answer |
/// |---|---|---|
/// | `GET /v1/instructors` (`?matchStatus=`, `?establishment=`, `?syncEnabled=`, `?limit=`, `?cursor=`) | reader | the list, by id |
/// | `GET /v1/instructors/{id}` | reader | the person with their match and fail-closed sync status |
/// | `PUT /v1/instructors/{id}` | scheduler | 201 created / 200 updated |
/// | `DELETE /v1/instructors/{id}` | scheduler | 204; the events pushed to their calendar are deleted |
/// | `PUT /v1/instructors/{id}/sync` (`?removeEvents=`) | admin | 200; turns pull and push on or off |
///
/// Writes and the push operations they imply are committed in one transaction (the outbox), then
/// the pusher is woken: what changes reaches the calendars at once, not at the next cycle.
enum InstructorRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.get, "/v1/instructors", role: .reader) { try await list($0, context) }
        router.add(.get, "/v1/instructors/{id}", role: .reader) { try await get($0, context) }
        router.add(.put, "/v1/instructors/{id}", role: .scheduler) { try await put($0, context) }
        router.add(.delete, "/v1/instructors/{id}", role: .scheduler) { try await delete($0, context) }
        router.add(.put, "/v1/instructors/{id}/sync", role: .admin) { try await setSync($0, context) }
    }

    /// 404 for a person the store does not know.
    static func notFound(_ id: String) -> APIError {
        APIError.notFound("Instructor `\(APIServer.printable(id))`")
    }

    /// The person's representation as it is in the store now.
    static func representation(of instructor: Instructor, _ context: APIContext) async throws -> [String: Any] {
        let person = try await PersonContext.load(instructor, store: context.store, now: context.clock.now())
        return InstructorRepresentation.json(person)
    }
}
