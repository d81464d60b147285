import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation

// MARK: - Read, upsert and delete people

extension InstructorRoutes {
    static let listQuery: Set<String> = ["matchStatus", "establishment", "syncEnabled", "limit", "cursor"]

    /// `GET /v1/instructors`: filtered by match status, establishment and sync switch; paged by id.
    static func list(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(listQuery)
        let pagination = try Pagination(request)
        let matchStatus = try matchStatusFilter(request)
        let establishment = request.query("establishment")
        let syncEnabled = try request.queryBool("syncEnabled")
        let now = context.clock.now()
        let instructors = try await context.store.instructors().filter { instructor in
            establishment.map { instructor.establishment == $0 } ?? true
                && syncEnabled.map { instructor.syncEnabled == $0 } ?? true
        }
        let people: [PersonContext]
        let nextCursor: String?
        if let matchStatus {
            // The match lives with the integration: load everyone's context, then filter and page.
            let all = try await PersonContext.loadAll(instructors, store: context.store, now: now)
            (people, nextCursor) = pagination.page(all.filter { $0.matchStatus == matchStatus }) { $0.instructor.id }
        } else {
            let page = pagination.page(instructors) { $0.id }
            people = try await PersonContext.loadAll(page.items, store: context.store, now: now)
            nextCursor = page.nextCursor
        }
        return JSONOutput.response(200, listResponse(people.map(InstructorRepresentation.json), nextCursor: nextCursor))
    }

    static func matchStatusFilter(_ request: APIRequest) throws -> InstructorMatch.Status? {
        guard let text = request.query("matchStatus") else { return nil }
        guard let status = InstructorMatch.Status(rawValue: text) else {
            throw APIError(
                400, "invalid_parameter", "`matchStatus` must be one of: matched, unmatched, ambiguous, pending.",
                field: "matchStatus")
        }
        return status
    }

    /// `GET /v1/instructors/{id}`.
    static func get(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        guard let instructor = try await context.store.instructor(id: id) else { throw notFound(id) }
        return JSONOutput.response(200, try await representation(of: instructor, context))
    }

    /// `PUT /v1/instructors/{id}`: 201 when created, 200 when updated. A new person, or a changed e-mail
    /// address or establishment, re-plans the person's pushes in the same transaction, and (sync on) a sync of the
    /// person starts at once: the matcher sees the new address (it differs from the match's `matchedEmail`),
    /// re-matches, and the calendar is pulled.
    static func put(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let input = try InstructorInput(id: request.param("id"), body: request.body())
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        let (saved, created, planned, moved) = try await context.store.write { db in
            let existing = try db.instructor(id: input.id)
            let instructor = input.instructor(existing: existing)
            let created = try db.saveInstructor(instructor)
            var planned = 0
            let moved = existing?.email != instructor.email || existing?.establishment != instructor.establishment
            if moved {
                planned = try OutboxPlanner.enqueue(in: db, instructorId: instructor.id, now: now, vocabularies: vocabularies)
                    .count
            }
            return (instructor, created, planned, moved)
        }
        if planned > 0 { context.sync.wakePusher() }
        // A new person, or one with another address or establishment, is matched and pulled at once.
        if moved, saved.syncEnabled { context.sync.catchUp(integrationId: nil, instructorId: saved.id) }
        return JSONOutput.response(created ? 201 : 200, try await representation(of: saved, context))
    }

    /// `DELETE /v1/instructors/{id}`: 204. In one transaction the person goes (with their assignments,
    /// matches, busy blocks and pull state) and delete operations are queued for every event pushed
    /// to their calendar: the planner deletes the mapped events of people the store no longer knows,
    /// and the mappings outlive the person for exactly that reason.
    static func delete(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let now = context.clock.now()
        let vocabularies = context.vocabularies
        let planned = try await context.store.write { db in
            guard try db.instructor(id: id) != nil else { throw notFound(id) }
            try db.deleteInstructor(id: id)
            var planned = try OutboxPlanner.enqueue(in: db, instructorId: id, now: now, vocabularies: vocabularies).count
            // Leave pushed for this person too: each absence item is theirs alone.
            let absences = Set(try db.mappings(instructorId: id).filter { $0.key.itemKind == .absence }.map(\.key.itemId))
            for itemId in absences.sorted() {
                planned += try OutboxPlanner.enqueue(
                    in: db, itemKind: .absence, itemId: itemId, now: now, vocabularies: vocabularies
                ).count
            }
            return planned
        }
        if planned > 0 { context.sync.wakePusher() }
        return HTTPResponse(status: 204)
    }
}
