import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

// MARK: - PUT /v1/instructors/{id}/sync (admin)

extension InstructorRoutesTests {
    /// i-1 matched with two events, e-1 pushed (mapped) and e-2 not yet.
    func pushedPerson() async throws -> APITestHarness {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store)
        try await PushFixture.seedMatchedInstructor(api.store, "i-1")
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])
        try await PushFixture.seedEvent(api.store, "e-2", instructorIds: ["i-1"], startHour: 14)
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        return api
    }

    @Test func disablingKeepsPushedEvents() async throws {
        let api = try await pushedPerson()
        let reply = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false], token: .admin)
        #expect(reply.status == 200)
        #expect(reply.json["syncEnabled"] as? Bool == false)
        #expect(reply.json["syncStatus"] as? String == "disabled")
        #expect(try await api.store.instructor(id: "i-1")?.syncEnabled == false)
        #expect(try await PushFixture.operations(api.store).isEmpty)
        #expect(try await api.store.mappings(instructorId: "i-1").count == 1)
        #expect(api.control.wakes == 0)
        #expect(api.control.catchUps.isEmpty)
    }

    @Test func disablingWithRemoveEventsQueuesDeletes() async throws {
        let api = try await pushedPerson()
        let reply = await api.send(
            .put, "/v1/instructors/i-1/sync?removeEvents=true", json: ["enabled": false],
            token: .admin)
        #expect(reply.status == 200)
        let operations = try await PushFixture.operations(api.store)
        #expect(operations.map(\.key) == [PushFixture.key("e-1", "i-1")])
        #expect(operations.map(\.action) == [.delete] && operations.map(\.status) == [.pending])
        #expect(api.control.wakes == 1)

        // Asking again does not queue a second delete while the first one waits.
        let again = await api.send(
            .put, "/v1/instructors/i-1/sync?removeEvents=true", json: ["enabled": false],
            token: .admin)
        #expect(again.status == 200)
        #expect(try await PushFixture.operations(api.store).count == 1)
    }

    @Test func enablingAgainCatchesUpAtOnce() async throws {
        let api = try await pushedPerson()
        #expect(await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false], token: .admin).status == 200)
        let reply = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": true], token: .admin)
        #expect(reply.status == 200)
        #expect(reply.json["syncEnabled"] as? Bool == true)
        let operations = try await PushFixture.operations(api.store)
        // e-1 is mapped with an old fingerprint (update), e-2 was never pushed (create).
        #expect(Set(operations.map { "\($0.key.itemId):\($0.action.rawValue)" }) == ["e-1:update", "e-2:create"])
        #expect(api.control.wakes == 1)
        #expect(api.control.catchUps.count == 1)
        #expect(api.control.catchUps.first?.instructorId == "i-1")
        #expect(api.control.catchUps.first?.integrationId == nil)

        // Enabling someone already enabled changes nothing.
        #expect(await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": true], token: .admin).status == 200)
        #expect(api.control.catchUps.count == 1)
    }

    @Test func syncToggleValidatesItsInput() async throws {
        let api = try await pushedPerson()
        let missing = await api.send(.put, "/v1/instructors/i-1/sync", json: [String: Any](), token: .admin)
        #expect(missing.status == 422 && missing.errorField == "enabled")
        let text = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": "no"], token: .admin)
        #expect(text.status == 422 && text.errorField == "enabled")
        let extra = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false, "why": "x"], token: .admin)
        #expect(extra.status == 422 && extra.errorCode == "unknown_field")
        let flag = await api.send(
            .put, "/v1/instructors/i-1/sync?removeEvents=maybe", json: ["enabled": false],
            token: .admin)
        #expect(flag.status == 400 && flag.errorField == "removeEvents")
        let contradictory = await api.send(
            .put, "/v1/instructors/i-1/sync?removeEvents=true", json: ["enabled": true],
            token: .admin)
        #expect(contradictory.status == 400)
        let noBody = await api.send(.put, "/v1/instructors/i-1/sync", token: .admin)
        #expect(noBody.status == 400 || noBody.status == 415)
        #expect(try await api.store.instructor(id: "i-1")?.syncEnabled == true)
        #expect(try await PushFixture.operations(api.store).isEmpty)
    }
}
