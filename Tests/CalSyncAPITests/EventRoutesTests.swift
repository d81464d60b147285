import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

/// `/v1/events` (docs/api.md, "Training events"), in-process through `APITestHarness`.
@Suite struct EventRoutesTests {
    static var course: [String: Any] {
        [
            "title": "Swift on the server", "start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T12:30:00+01:00",
            "timeZone": "Europe/Paris", "location": "Room 4", "description": "Bring a laptop.",
            "instructorIds": ["i-1", "i-2"],
        ]
    }

    func harness() throws -> APITestHarness { try APITestHarness(now: PushFixture.now) }

    /// A harness whose store knows the given people (an event may only be assigned to known people).
    func harness(knowing people: [String]) async throws -> APITestHarness {
        let api = try harness()
        for id in people { try await PushFixture.seedInstructor(api.store, id) }
        return api
    }

    // MARK: - Upsert and read

    @Test func putCreatesThenUpdates() async throws {
        let api = try await harness(knowing: ["i-1", "i-2"])
        let created = await api.send(.put, "/v1/events/e-1", json: Self.course, token: .scheduler)
        #expect(created.status == 201)
        #expect(created.json["id"] as? String == "e-1")
        #expect(created.json["title"] as? String == "Swift on the server")
        #expect(created.json["start"] as? String == "2026-03-02T08:00:00Z")
        #expect(created.json["end"] as? String == "2026-03-02T11:30:00Z")
        #expect(created.json["timeZone"] as? String == "Europe/Paris")
        #expect(created.json["location"] as? String == "Room 4")
        #expect(created.json["description"] as? String == "Bring a laptop.")
        #expect(created.json["status"] as? String == "scheduled")
        #expect(created.json["instructorIds"] as? [String] == ["i-1", "i-2"])
        // No integration covers them yet: nothing can be pushed, and each entry says so.
        let sync = try #require(created.json["sync"] as? [[String: Any]])
        #expect(sync.map { $0["instructorId"] as? String } == ["i-1", "i-2"])
        #expect(sync.allSatisfy { $0["state"] as? String == "disabled" && $0["externalId"] is NSNull })
        #expect(sync.allSatisfy { $0["reason"] as? String == "No integration covers this person's establishment." })
        #expect(sync.allSatisfy { ($0["conflicts"] as? [Any])?.isEmpty == true })

        var changed = Self.course
        changed["title"] = "Swift on the server, part 2"
        changed["status"] = "cancelled"
        changed["location"] = nil
        changed["instructorIds"] = ["i-2"]
        let updated = await api.send(.put, "/v1/events/e-1", json: changed, token: .scheduler)
        #expect(updated.status == 200)
        #expect(updated.json["status"] as? String == "cancelled")
        #expect(updated.json["location"] is NSNull)
        #expect(updated.json["instructorIds"] as? [String] == ["i-2"])

        let read = await api.send(.get, "/v1/events/e-1", token: .reader)
        #expect(read.status == 200)
        #expect(read.json["title"] as? String == "Swift on the server, part 2")
        #expect((read.json["sync"] as? [Any])?.count == 1)
    }

    @Test func withoutInstructorIdsTheAssignmentsAreKept() async throws {
        let api = try await harness(knowing: ["i-1", "i-2"])
        #expect(await api.send(.put, "/v1/events/e-1", json: Self.course, token: .scheduler).status == 201)
        var body = Self.course
        body["instructorIds"] = nil
        body["title"] = "Renamed"
        let updated = await api.send(.put, "/v1/events/e-1", json: body, token: .scheduler)
        #expect(updated.status == 200)
        #expect(updated.json["instructorIds"] as? [String] == ["i-1", "i-2"])
        let created = await api.send(.put, "/v1/events/e-2", json: body, token: .scheduler)
        #expect(created.status == 201)
        #expect(created.json["instructorIds"] as? [String] == [])
    }

    /// (field, the value as JSON text, the field the 422 must name).
    static let invalidFields: [(String, String, String)] = [
        ("title", "null", "title"),
        ("title", "7", "title"),
        ("title", "\"\"", "title"),
        ("title", "\"" + String(repeating: "t", count: 256) + "\"", "title"),
        ("start", "null", "start"),
        ("start", "\"2026-03-02T09:00:00\"", "start"),
        ("start", "\"2026-03-02\"", "start"),
        ("start", "\"2026-02-30T09:00:00Z\"", "start"),
        ("start", "1772442000", "start"),
        ("end", "\"2026-03-02T09:00:00+01:00\"", "end"),
        ("end", "\"2026-03-02T07:00:00Z\"", "end"),
        ("end", "\"2026-04-03T08:00:01Z\"", "end"),
        ("timeZone", "null", "timeZone"),
        ("timeZone", "\"Europe/Atlantis\"", "timeZone"),
        ("location", "[]", "location"),
        ("description", "{}", "description"),
        ("status", "\"done\"", "status"),
        ("status", "false", "status"),
        ("instructorIds", "\"i-1\"", "instructorIds"),
        ("instructorIds", "[\"i-1\", \"i-1\"]", "instructorIds[1]"),
        ("instructorIds", "[\"i 1\"]", "instructorIds[0]"),
        ("instructorIds", "[\"i-1\", 2]", "instructorIds[1]"),
        ("instructorIds", "[\"\"]", "instructorIds[0]"),
        ("instructorIds", "[\"" + String(repeating: "i", count: 129) + "\"]", "instructorIds[0]"),
        ("instructorIds", "[" + (0...100).map { "\"i-\($0)\"" }.joined(separator: ",") + "]", "instructorIds"),
    ]

    @Test(arguments: invalidFields)
    func putRejectsAnInvalidField(field: String, value: String, expected: String) async throws {
        let api = try harness()
        var body = Self.course
        body[field] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        let reply = await api.send(.put, "/v1/events/e-1", json: body, token: .scheduler)
        #expect(reply.status == 422)
        #expect(reply.errorField == expected)
        #expect(try await api.store.trainingEvent(id: "e-1") == nil)
        #expect(api.control.wakes == 0)
    }

    @Test func putAcceptsThirtyOneDaysAndAHundredInstructors() async throws {
        let api = try await harness(knowing: (1...100).map { "i-\($0)" })
        var body = Self.course
        body["end"] = "2026-04-02T09:00:00+01:00"
        body["instructorIds"] = (1...100).map { "i-\($0)" }
        let reply = await api.send(.put, "/v1/events/e-1", json: body, token: .scheduler)
        #expect(reply.status == 201)
        #expect((reply.json["sync"] as? [Any])?.count == 100)
    }

    @Test func putRejectsBadIdsBodiesAndQueries() async throws {
        let api = try harness()
        let badId = await api.send(.put, "/v1/events/e%201", json: Self.course, token: .scheduler)
        #expect(badId.status == 422 && badId.errorField == "id")
        var extra = Self.course
        extra["room"] = "4"
        let unknown = await api.send(.put, "/v1/events/e-1", json: extra, token: .scheduler)
        #expect(unknown.status == 422 && unknown.errorCode == "unknown_field" && unknown.errorField == "room")
        let text = await api.send(.put, "/v1/events/e-1", rawBody: "title=x", contentType: "text/plain", token: .scheduler)
        #expect(text.status == 415)
        let malformed = await api.send(.put, "/v1/events/e-1", rawBody: "{\"title\": [", token: .scheduler)
        #expect(malformed.status == 400)
        let query = await api.send(.put, "/v1/events/e-1?notify=false", json: Self.course, token: .scheduler)
        #expect(query.status == 400)
        #expect(await api.send(.get, "/v1/events/e-1?expand=sync", token: .reader).status == 400)
    }

    @Test func rolesAreEnforced() async throws {
        let api = try await harness(knowing: ["i-1", "i-2"])
        #expect(await api.send(.put, "/v1/events/e-1", json: Self.course, token: .reader).status == 403)
        #expect(await api.send(.put, "/v1/events/e-1", json: Self.course, token: .none).status == 401)
        #expect(await api.send(.put, "/v1/events/e-1", json: Self.course, token: .scheduler).status == 201)
        #expect(await api.send(.get, "/v1/events/e-1", token: .reader).status == 200)
        #expect(await api.send(.get, "/v1/events/e-1", token: .none).status == 401)
        #expect(await api.send(.delete, "/v1/events/e-1", token: .reader).status == 403)
        #expect(await api.send(.put, "/v1/events/e-1/instructors/i-3", token: .reader).status == 403)
        #expect(await api.send(.delete, "/v1/events/e-1/instructors/i-1", token: .reader).status == 403)
        #expect(await api.send(.post, "/v1/events/e-1", json: Self.course, token: .admin).status == 405)
        #expect(await api.send(.delete, "/v1/events/e-1", token: .admin).status == 204)
    }

    @Test func unknownEventsAre404() async throws {
        let api = try harness()
        #expect(await api.send(.get, "/v1/events/nothing", token: .reader).status == 404)
        #expect(await api.send(.delete, "/v1/events/nothing", token: .scheduler).status == 404)
        #expect(await api.send(.put, "/v1/events/nothing/instructors/i-1", token: .scheduler).status == 404)
        #expect(await api.send(.delete, "/v1/events/nothing/instructors/i-1", token: .scheduler).status == 404)
        #expect(api.control.wakes == 0)
        #expect(try await PushFixture.operations(api.store).isEmpty)
    }
}
