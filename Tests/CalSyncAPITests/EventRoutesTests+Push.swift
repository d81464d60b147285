import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

// MARK: - The outbox: every change queues its push operations in the same write and wakes the pusher

extension EventRoutesTests {
    /// One integration; i-1 matched and enabled, i-2 matched with sync off, i-3 unmatched; "ghost" unknown.
    func seededPeople() async throws -> APITestHarness {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store)
        try await PushFixture.seedMatchedInstructor(api.store, "i-1")
        try await PushFixture.seedInstructor(api.store, "i-2", syncEnabled: false)
        try await PushFixture.seedMatch(api.store, "i-2")
        try await PushFixture.seedInstructor(api.store, "i-3")
        try await PushFixture.seedMatch(api.store, "i-3", status: .unmatched)
        return api
    }

    func body(_ instructorIds: [String], title: String = "Swift on the server") -> [String: Any] {
        var body = Self.course
        body["instructorIds"] = instructorIds
        body["title"] = title
        return body
    }

    @Test func createQueuesCreatesForMatchedEnabledPeopleAndWakesThePusher() async throws {
        let api = try await seededPeople()
        let reply = await api.send(.put, "/v1/events/e-1", json: body(["i-1", "i-2", "i-3"]), token: .scheduler)
        #expect(reply.status == 201)
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.key) == [PushFixture.key("e-1", "i-1")])
        #expect(operations.map(\.action) == [.create] && operations.map(\.status) == [.pending])
        #expect(operations.first?.createdAt == PushFixture.now)
        #expect(api.control.wakes == 1)
        let sync = try #require(reply.json["sync"] as? [[String: Any]])
        #expect(sync.map { $0["state"] as? String } == ["pending", "disabled", "unmatched"])
    }

    @Test func updateQueuesAnUpdateOnceAMappingExists() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1", externalId: "AAMk-1")
        let reply = await api.send(.put, "/v1/events/e-1", json: body(["i-1"], title: "New title"), token: .scheduler)
        #expect(reply.status == 200)
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.action) == [.update])
        #expect(operations.map(\.key) == [PushFixture.key("e-1", "i-1")])
        #expect(api.control.wakes == 1)
        let sync = try #require((reply.json["sync"] as? [[String: Any]])?.first)
        #expect(sync["state"] as? String == "pending")
        #expect(sync["externalId"] as? String == "AAMk-1")
    }

    @Test func cancellingQueuesDeletes() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        var cancelled = body(["i-1"])
        cancelled["status"] = "cancelled"
        #expect(await api.send(.put, "/v1/events/e-1", json: cancelled, token: .scheduler).status == 200)
        #expect(try await PushFixture.operations(api.store).map(\.action) == [.delete])
    }

    @Test func unassignQueuesADelete() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1", "i-3"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        let reply = await api.send(.delete, "/v1/events/e-1/instructors/i-1", token: .scheduler)
        #expect(reply.status == 204)
        #expect(try await api.store.trainingEvent(id: "e-1")?.instructorIds == ["i-3"])
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.action) == [.delete] && operations.map(\.key) == [PushFixture.key("e-1", "i-1")])
        #expect(api.control.wakes == 1)

        let again = await api.send(.delete, "/v1/events/e-1/instructors/i-1", token: .scheduler)
        #expect(again.status == 404)
        #expect(await api.send(.delete, "/v1/events/e-1/instructors/bad%20id", token: .scheduler).status == 404)
        #expect(api.control.wakes == 1)
    }

    @Test func assignIsIdempotentAndPushesAtOnce() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-3"])
        let reply = await api.send(.put, "/v1/events/e-1/instructors/i-1", token: .scheduler)
        #expect(reply.status == 200)
        #expect(reply.json["instructorIds"] as? [String] == ["i-3", "i-1"])
        #expect(try await PushFixture.operations(api.store).map(\.action) == [.create])
        #expect(api.control.wakes == 1)

        let again = await api.send(.put, "/v1/events/e-1/instructors/i-1", json: [String: Any](), token: .scheduler)
        #expect(again.status == 200)
        #expect(again.json["instructorIds"] as? [String] == ["i-3", "i-1"])
        // The create still waits: nothing new is queued.
        #expect(try await PushFixture.operations(api.store).count == 1)

        let unknownPerson = await api.send(.put, "/v1/events/e-1/instructors/later", token: .scheduler)
        #expect(unknownPerson.status == 404)
        #expect(try await api.store.trainingEvent(id: "e-1")?.instructorIds == ["i-3", "i-1"])

        let badId = await api.send(.put, "/v1/events/e-1/instructors/bad%20id", token: .scheduler)
        #expect(badId.status == 422 && badId.errorField == "instructorId")
        let withBody = await api.send(.put, "/v1/events/e-1/instructors/i-3", json: ["role": "lead"], token: .scheduler)
        #expect(withBody.status == 422 && withBody.errorCode == "unknown_field")
    }

    @Test func assignStopsAtAHundredPeople() async throws {
        let api = try await harness(knowing: (1...101).map { "i-\($0)" })
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: (1...100).map { "i-\($0)" })
        let reply = await api.send(.put, "/v1/events/e-1/instructors/i-101", token: .scheduler)
        #expect(reply.status == 422 && reply.errorField == "instructorId")
        #expect(await api.send(.put, "/v1/events/e-1/instructors/i-100", token: .scheduler).status == 200)
    }

    @Test func deleteQueuesDeletesForEveryMapping() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedMatchedInstructor(api.store, "i-4")
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1", "i-4"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        try await PushFixture.seedMapping(api.store, "e-1", "i-4")
        let reply = await api.send(.delete, "/v1/events/e-1", token: .scheduler)
        #expect(reply.status == 204 && reply.body.isEmpty)
        #expect(try await api.store.trainingEvent(id: "e-1") == nil)
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.action) == [.delete, .delete])
        #expect(Set(operations.map(\.key.instructorId)) == ["i-1", "i-4"])
        #expect(api.control.wakes == 1)
        #expect(await api.send(.get, "/v1/events/e-1", token: .reader).status == 404)
        #expect(await api.send(.delete, "/v1/events/e-1", token: .scheduler).status == 404)
    }
}
