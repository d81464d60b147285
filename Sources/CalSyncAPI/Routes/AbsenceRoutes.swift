import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation

/// Leave from the HR system (docs/api.md, "Absences"):
///
/// | route | role | answer |
/// |---|---|---|
/// | `PUT /v1/absences/{id}` | scheduler | 201 created / 200 updated, with where its calendar entries stand |
/// | `GET /v1/absences/{id}` | reader | the absence |
/// | `DELETE /v1/absences/{id}` | scheduler | 204; its events go from the calendar |
///
/// As for training events, the change and the push operations it implies are committed in one transaction
/// (the outbox), then the pusher is woken: pending → tentative event, approved → the same event confirmed,
/// cancelled / denied / deleted → the event deleted, at once.
enum AbsenceRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.get, "/v1/absences/{id}", role: .reader) { try await get($0, context) }
        router.add(.put, "/v1/absences/{id}", role: .scheduler) { try await put($0, context) }
        router.add(.delete, "/v1/absences/{id}", role: .scheduler) { try await delete($0, context) }
    }

    static func notFound(_ id: String) -> APIError {
        APIError.notFound("Absence `\(APIServer.printable(id))`")
    }

    /// `GET /v1/absences/{id}`.
    static func get(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        guard let absence = try await context.store.absence(id: id) else { throw notFound(id) }
        return JSONOutput.response(200, try await AbsenceRepresentation.json(absence, store: context.store))
    }

    /// `PUT /v1/absences/{id}`: 201 when created, 200 when updated; 422 `personId` for a person the store
    /// does not know (an absence is pushed to someone's calendar: that someone must exist).
    static func put(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let input = try AbsenceInput(id: request.param("id"), body: request.body())
        let absence = input.absence
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        let created = try await context.store.write { db -> Bool in
            guard try db.instructor(id: absence.personId) != nil else {
                throw APIError.invalid(
                    "personId", "`personId` names no known instructor; send the person first (PUT /v1/instructors/{id}).")
            }
            let unchanged = try db.absence(id: absence.id) == absence
            let created = try db.saveAbsence(absence)
            // Plans every entry of the absence, the previous person's too when it moved to someone else
            // (their mappings name the absence). An unchanged absence leaves entries an admin marked processed alone.
            try OutboxPlanner.enqueue(
                in: db, itemKind: .absence, itemId: absence.id, now: now, vocabularies: vocabularies,
                skipProcessed: unchanged)
            return created
        }
        context.sync.wakePusher()
        return JSONOutput.response(created ? 201 : 200, try await AbsenceRepresentation.json(absence, store: context.store))
    }

    /// `DELETE /v1/absences/{id}`: 204; the planner turns the missing absence into a delete of each entry.
    static func delete(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        try await context.store.write { db in
            guard try db.absence(id: id) != nil else { throw notFound(id) }
            try db.deleteAbsence(id: id)
            try OutboxPlanner.enqueue(in: db, itemKind: .absence, itemId: id, now: now, vocabularies: vocabularies)
        }
        context.sync.wakePusher()
        return HTTPResponse(status: 204)
    }
}
