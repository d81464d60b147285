import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

/// `/v1/instructors` (docs/api.md, "Instructors"), in-process through `APITestHarness`.
@Suite struct InstructorRoutesTests {
    static var anna: [String: Any] {
        ["name": "Anna Meyer", "email": "anna.meyer@contoso.com", "establishment": "paris", "timeZone": "Europe/Paris"]
    }

    func harness() throws -> APITestHarness { try APITestHarness(now: PushFixture.now) }

    // MARK: - Upsert

    @Test func putCreatesThenUpdates() async throws {
        let api = try harness()
        let created = await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .scheduler)
        #expect(created.status == 201)
        #expect(created.json["id"] as? String == "i-1")
        #expect(created.json["email"] as? String == "anna.meyer@contoso.com")
        #expect(created.json["establishment"] as? String == "paris")
        #expect(created.json["timeZone"] as? String == "Europe/Paris")
        #expect(created.json["syncEnabled"] as? Bool == true)
        #expect(created.json["matchStatus"] as? String == "pending")
        #expect(created.json["syncStatus"] as? String == "disabled")  // no integration covers the person
        #expect(created.json["calendarUser"] is NSNull)
        #expect(created.json["lastSyncAt"] is NSNull)
        #expect(created.json["lastError"] is NSNull)
        #expect(created.json["integration"] is NSNull)

        var renamed = Self.anna
        renamed["name"] = "Anna Meyer-Schulz"
        renamed["timeZone"] = nil
        let updated = await api.send(.put, "/v1/instructors/i-1", json: renamed, token: .scheduler)
        #expect(updated.status == 200)
        #expect(updated.json["name"] as? String == "Anna Meyer-Schulz")
        #expect(updated.json["timeZone"] is NSNull)

        let read = await api.send(.get, "/v1/instructors/i-1", token: .reader)
        #expect(read.status == 200)
        #expect(read.json["name"] as? String == "Anna Meyer-Schulz")
        #expect(try await api.store.instructor(id: "i-1")?.name == "Anna Meyer-Schulz")
    }

    @Test func putKeepsTheSyncSwitch() async throws {
        let api = try harness()
        _ = await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .scheduler)
        try await api.store.setSyncEnabled(instructorId: "i-1", enabled: false)
        let updated = await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .scheduler)
        #expect(updated.status == 200)
        #expect(updated.json["syncEnabled"] as? Bool == false)
    }

    /// (field, the value as JSON text, the field the 422 must name).
    static let invalidFields: [(String, String, String)] = [
        ("name", "null", "name"),
        ("name", "42", "name"),
        ("name", #""   ""#, "name"),
        ("name", json(String(repeating: "n", count: 257)), "name"),
        ("email", "null", "email"),
        ("email", json("not-an-address"), "email"),
        ("email", json("two@at@signs.com"), "email"),
        ("email", json("space in@contoso.com"), "email"),
        ("email", json("anna@"), "email"),
        ("email", json("@contoso.com"), "email"),
        ("email", json("anna@contoso..com"), "email"),
        ("email", json(String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 190) + ".com"), "email"),
        ("email", "true", "email"),
        ("establishment", "null", "establishment"),
        ("establishment", json("par is"), "establishment"),
        ("establishment", json(String(repeating: "p", count: 129)), "establishment"),
        ("establishment", #"["paris"]"#, "establishment"),
        ("timeZone", json("Mars/Olympus_Mons"), "timeZone"),
        ("timeZone", json("CET"), "timeZone"),
        ("timeZone", "1", "timeZone"),
    ]

    static func json(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    @Test(arguments: invalidFields)
    func putRejectsAnInvalidField(field: String, value: String, expected: String) async throws {
        let api = try harness()
        var body = Self.anna
        body[field] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        let reply = await api.send(.put, "/v1/instructors/i-1", json: body, token: .scheduler)
        #expect(reply.status == 422)
        #expect(reply.errorField == expected)
        #expect(try await api.store.instructor(id: "i-1") == nil)
    }

    @Test func putAcceptsPlainAndInternationalAddresses() async throws {
        let api = try harness()
        for (index, email) in ["a@b", "o'brien+cal@sub.contoso.co.uk", "jürgen@exämple.de", "A.B@Contoso.COM"].enumerated() {
            var body = Self.anna
            body["email"] = email
            let reply = await api.send(.put, "/v1/instructors/i-\(index)", json: body, token: .scheduler)
            #expect(reply.status == 201, "\(email)")
        }
    }

    @Test func putRejectsBadIdsBodiesAndQueries() async throws {
        let api = try harness()
        let badId = await api.send(.put, "/v1/instructors/bad%20id", json: Self.anna, token: .scheduler)
        #expect(badId.status == 422 && badId.errorField == "id")
        let longId = await api.send(
            .put, "/v1/instructors/" + String(repeating: "i", count: 129), json: Self.anna,
            token: .scheduler)
        #expect(longId.status == 422 && longId.errorField == "id")
        var extra = Self.anna
        extra["phone"] = "+33 1 23 45 67 89"
        let unknown = await api.send(.put, "/v1/instructors/i-1", json: extra, token: .scheduler)
        #expect(unknown.status == 422 && unknown.errorCode == "unknown_field" && unknown.errorField == "phone")
        let text = await api.send(
            .put, "/v1/instructors/i-1", rawBody: "name=Anna", contentType: "text/plain",
            token: .scheduler)
        #expect(text.status == 415)
        let malformed = await api.send(.put, "/v1/instructors/i-1", rawBody: "{\"name\": ", token: .scheduler)
        #expect(malformed.status == 400)
        let array = await api.send(.put, "/v1/instructors/i-1", rawBody: "[1, 2]", token: .scheduler)
        #expect(array.status == 422)
        let empty = await api.send(.put, "/v1/instructors/i-1", token: .scheduler)
        #expect(empty.status == 400 || empty.status == 415)
        let query = await api.send(.put, "/v1/instructors/i-1?force=true", json: Self.anna, token: .scheduler)
        #expect(query.status == 400 && query.errorField == "force")
    }

    // MARK: - Roles

    @Test func rolesAreEnforced() async throws {
        let api = try harness()
        #expect(await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .reader).status == 403)
        #expect(await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .none).status == 401)
        #expect(await api.send(.put, "/v1/instructors/i-1", json: Self.anna, token: .scheduler).status == 201)
        #expect(await api.send(.get, "/v1/instructors/i-1", token: .reader).status == 200)
        #expect(await api.send(.get, "/v1/instructors", token: .reader).status == 200)
        #expect(await api.send(.get, "/v1/instructors", token: .none).status == 401)
        #expect(await api.send(.delete, "/v1/instructors/i-1", token: .reader).status == 403)
        let toggle = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false], token: .scheduler)
        #expect(toggle.status == 403 && toggle.errorCode == "forbidden")
        #expect(await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false], token: .admin).status == 200)
        let patch = await api.send(.patch, "/v1/instructors/i-1", json: Self.anna, token: .admin)
        #expect(patch.status == 405)
    }

    // MARK: - Read and delete

    @Test func unknownPeopleAre404() async throws {
        let api = try harness()
        #expect(await api.send(.get, "/v1/instructors/nobody", token: .reader).status == 404)
        #expect(await api.send(.get, "/v1/instructors/bad%20id", token: .reader).status == 404)
        #expect(await api.send(.delete, "/v1/instructors/nobody", token: .scheduler).status == 404)
        let toggle = await api.send(.put, "/v1/instructors/nobody/sync", json: ["enabled": true], token: .admin)
        #expect(toggle.status == 404)
    }

    @Test func deleteQueuesTheRemovalOfPushedEventsAndWakesThePusher() async throws {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store)
        try await PushFixture.seedMatchedInstructor(api.store, "i-1")
        try await PushFixture.seedMatchedInstructor(api.store, "i-2")
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1", "i-2"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        try await PushFixture.seedMapping(api.store, "e-1", "i-2")

        let reply = await api.send(.delete, "/v1/instructors/i-1", token: .scheduler)
        #expect(reply.status == 204)
        #expect(reply.body.isEmpty)
        let operations = try await PushFixture.operations(api.store)
        let deletes = operations.filter { $0.action == .delete }
        #expect(deletes.map(\.key) == [PushKey(integrationId: "m365", itemKind: .event, itemId: "e-1", instructorId: "i-1")])
        #expect(deletes.allSatisfy { $0.status == .pending })
        #expect(api.control.wakes >= 1)
        #expect(try await api.store.trainingEvent(id: "e-1")?.instructorIds == ["i-2"])
        #expect(await api.send(.get, "/v1/instructors/i-1", token: .reader).status == 404)
        #expect(await api.send(.delete, "/v1/instructors/i-1", token: .scheduler).status == 404)
    }

    @Test func anEmailChangeReplansThePersonsPushes() async throws {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store)
        try await PushFixture.seedMatchedInstructor(api.store, "i-1")
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])  // saved without the outbox
        var body: [String: Any] = ["name": "Person i-1", "email": "i-1@contoso.com", "establishment": "paris"]

        #expect(await api.send(.put, "/v1/instructors/i-1", json: body, token: .scheduler).status == 200)
        #expect(try await PushFixture.operations(api.store).isEmpty)
        #expect(api.control.wakes == 0)

        body["email"] = "i-1.new@contoso.com"
        let changed = await api.send(.put, "/v1/instructors/i-1", json: body, token: .scheduler)
        #expect(changed.status == 200)
        #expect(try await api.store.instructor(id: "i-1")?.email == "i-1.new@contoso.com")
        // The match still names the old address, so the matcher re-matches at its next run.
        #expect(try await api.store.match(instructorId: "i-1", integrationId: "m365")?.matchedEmail == "i-1@contoso.com")
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.action) == [.create])
        #expect(api.control.wakes == 1)
    }
}
