import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

/// Availability and conflicts (reader; docs/api.md, "Availability and conflicts"):
/// `GET /v1/instructors/{id}/availability`, `POST /v1/availability/search` (a read, despite the POST) and
/// `GET /v1/conflicts`. Free time is only claimed for people whose sync status is ok (docs/product-rules.md,
/// "Availability answers fail closed").
enum AvailabilityRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.get, "/v1/instructors/{id}/availability", role: .reader) { request in
            try await availability(request, context)
        }
        router.add(.post, "/v1/availability/search", role: .reader) { request in
            try await search(request, context)
        }
        router.add(.get, "/v1/conflicts", role: .reader) { request in
            try await conflicts(request, context)
        }
    }

    // MARK: - GET /v1/instructors/{id}/availability

    static func availability(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["from", "to"])
        let window = try TimeWindowInput(query: request)
        let id = request.param("id")
        guard ResourceID.isValid(id),
            let facts = try await context.store.availabilityFacts(instructorId: id, range: window.range)
        else { throw APIError.notFound("The instructor") }
        let answer = PersonAvailability(facts, window: window.range, now: context.clock.now())
        var json = JSONWriter(capacity: 512 + 160 * (answer.availability.busy.count + answer.availability.free.count))
        AvailabilityRepresentation.write(answer, into: &json)
        return json.response(200)
    }

    // MARK: - POST /v1/availability/search

    /// Every person asked about (or everyone, of the establishment when given), each with `qualifies`:
    /// qualifying people first, then by id.
    static func search(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let input = try AvailabilitySearchInput(body: try request.body())
        let range = input.window.range
        let ids: [String]
        if let asked = input.instructorIds {
            ids = asked
        } else {
            ids = try await context.store.instructors().map(\.id)
        }
        var found = try await context.store.availabilityFacts(instructorIds: ids, range: range)
        if let asked = input.instructorIds, found.count < asked.count {
            let known = Set(found.map(\.person.instructor.id))
            if let index = asked.firstIndex(where: { !known.contains($0) }) {
                throw APIError.invalid("instructorIds[\(index)]", "No instructor has the id `\(asked[index])`.")
            }
        }
        if let establishment = input.establishment {
            found.removeAll { $0.person.instructor.establishment != establishment }
        }
        let now = context.clock.now()
        let answers = found.map { facts -> (qualifies: Bool, answer: PersonAvailability) in
            let answer = PersonAvailability(facts, window: range, now: now)
            return (answer.qualifies(minFreeMinutes: input.minFreeMinutes), answer)
        }
        .sorted { a, b in a.qualifies != b.qualifies ? a.qualifies : a.answer.instructorId < b.answer.instructorId }
        var json = JSONWriter(capacity: 256 * (answers.count + 1))
        AvailabilityRepresentation.writeSearch(answers.map(\.answer), minFreeMinutes: input.minFreeMinutes, into: &json)
        return json.response(200)
    }

    // MARK: - GET /v1/conflicts

    /// Conflicts of assignments overlapping the window: of one person (`instructorId`) or of everyone, paged.
    static func conflicts(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["from", "to", "instructorId", "limit", "cursor"])
        let window = try TimeWindowInput(query: request)
        let paging = try Pagination(request)
        let people: [String]
        if let id = request.query("instructorId") {
            guard ResourceID.isValid(id) else {
                throw APIError(
                    400, "invalid_parameter",
                    "`instructorId` must be 1–128 characters of letters, digits, "
                        + "'.', '_', ':' or '-'.", field: "instructorId")
            }
            guard try await context.store.instructor(id: id) != nil else { throw APIError.notFound("The instructor") }
            people = [id]
        } else {
            people = try await context.store.instructors().map(\.id)
        }
        let finder = ConflictFinder(store: context.store)
        var found: [(key: String, conflict: ConflictFinder.Conflict)] = []
        for id in people {
            for conflict in try await finder.conflicts(instructorId: id, range: window.range) {
                found.append((ConflictRepresentation.key(conflict), conflict))
            }
        }
        found.sort { $0.key < $1.key }
        let page = paging.page(found) { $0.key }
        return JSONOutput.response(
            200,
            listResponse(
                page.items.map { ConflictRepresentation.json($0.conflict) },
                nextCursor: page.nextCursor))
    }
}
