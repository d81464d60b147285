import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

// MARK: - Who an event is assigned to: known people only, and why each one's calendar is or is not in sync

extension EventRoutesTests {
    /// As absences refuse an unknown `personId`, an event refuses an unknown instructor, naming the entry; nothing is
    /// saved or queued.
    @Test func anUnknownInstructorIsRefusedNamingTheEntry() async throws {
        let api = try await seededPeople()
        let reply = await api.send(.put, "/v1/events/e-1", json: body(["i-1", "i-3", "ghost"]), token: .scheduler)
        #expect(reply.status == 422)
        #expect(reply.errorCode == "invalid_field")
        #expect(reply.errorField == "instructorIds[2]")
        let message = try #require((reply.json["error"] as? [String: Any])?["message"] as? String)
        #expect(message.contains("`ghost`") && message.contains("PUT /v1/instructors/{id}"), "\(message)")
        #expect(await api.send(.get, "/v1/events/e-1", token: .reader).status == 404)
        #expect(try await PushFixture.operations(api.store).isEmpty)
        #expect(api.control.wakes == 0)

        // An existing event keeps what it had.
        #expect(await api.send(.put, "/v1/events/e-1", json: body(["i-1"]), token: .scheduler).status == 201)
        let again = await api.send(.put, "/v1/events/e-1", json: body(["ghost", "i-1"], title: "Renamed"), token: .scheduler)
        #expect(again.status == 422 && again.errorField == "instructorIds[0]")
        let read = await api.send(.get, "/v1/events/e-1", token: .reader)
        #expect(read.json["title"] as? String == "Swift on the server")
        #expect(read.json["instructorIds"] as? [String] == ["i-1"])
    }

    /// Assigning someone the store does not know: 404 on the person, as for an unknown event; the event is unchanged.
    @Test func assigningAnUnknownInstructorIsNotFound() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])
        let reply = await api.send(.put, "/v1/events/e-1/instructors/ghost", token: .scheduler)
        #expect(reply.status == 404 && reply.errorCode == "not_found")
        let message = try #require((reply.json["error"] as? [String: Any])?["message"] as? String)
        #expect(message.contains("`ghost`"), "\(message)")
        #expect(try await api.store.trainingEvent(id: "e-1")?.instructorIds == ["i-1"])
        #expect(api.control.wakes == 0)
        // The event is looked for first.
        #expect(await api.send(.put, "/v1/events/e-9/instructors/i-1", token: .scheduler).errorCode == "not_found")
    }

    /// An assignment nobody can push says why instead of `pending` for ever: `unmatched` with the matcher's reason,
    /// `disabled` when the person's sync is off or their integration inactive.
    @Test func eachAssignmentSaysWhyItIsOrIsNotSynced() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedInstructor(api.store, "i-4")
        try await PushFixture.seedMatch(api.store, "i-4", status: .ambiguous)
        try await PushFixture.seedInstructor(api.store, "i-5")  // not matched yet
        let reply = await api.send(.put, "/v1/events/e-1", json: body(["i-1", "i-2", "i-3", "i-4", "i-5"]), token: .scheduler)
        #expect(reply.status == 201)
        let sync = try #require(reply.json["sync"] as? [[String: Any]])
        #expect(sync.map { $0["state"] as? String } == ["pending", "disabled", "unmatched", "unmatched", "pending"])
        #expect(sync[0]["reason"] is NSNull)
        #expect(sync[1]["reason"] as? String == "Sync is switched off for this person.")
        #expect(sync[2]["reason"] as? String == "No directory user has i-3@contoso.com.")
        #expect(sync[3]["reason"] as? String == "No directory user has i-4@contoso.com.")
        #expect(sync[4]["reason"] is NSNull)

        // The create pushed; then the integration is switched off.
        var operation = try #require(try await PushFixture.operations(api.store).first)
        operation.status = .success
        try await api.store.updateOperation(operation)
        try await PushFixture.seedMapping(api.store, "e-1", "i-1")
        var integration = try #require(try await api.store.integration(id: PushFixture.integrationId))
        integration.status = .inactive
        try await api.store.saveIntegration(integration)
        let inactive = try await syncEntry(api, "e-1", "i-1")
        #expect(inactive["state"] as? String == "disabled")
        #expect(inactive["reason"] as? String == "Integration `\(PushFixture.integrationId)` is inactive.")
    }

    /// A pushed event whose person was switched off afterwards: still in the calendar (its id), no longer kept in sync.
    @Test func aPushedAssignmentOfAPersonSwitchedOffSaysDisabled() async throws {
        let api = try await seededPeople()
        try await PushFixture.seedEvent(api.store, "e-1", instructorIds: ["i-1"])
        try await PushFixture.seedMapping(api.store, "e-1", "i-1", externalId: "AAMk-7")
        #expect(try await syncEntry(api, "e-1", "i-1")["state"] as? String == "synced")
        #expect(await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": false]).status == 200)
        let entry = try await syncEntry(api, "e-1", "i-1")
        #expect(entry["state"] as? String == "disabled")
        #expect(entry["externalId"] as? String == "AAMk-7")
    }
}

extension AbsenceRoutesTests {
    /// The absences' calendar entries follow the same rules as an event's assignments.
    @Test func theEntriesOfAnUnmatchedPersonSayWhy() async throws {
        let h = try harness()
        try await PushFixture.seedIntegration(h.store)
        try await PushFixture.seedInstructor(h.store, "i-1")
        try await PushFixture.seedMatch(h.store, "i-1", status: .unmatched)
        let created = await h.send(.put, "/v1/absences/a-1", json: Self.body(), token: .scheduler)
        #expect(created.status == 201)
        let sync = try #require(created.json["sync"] as? [[String: Any]])
        #expect(sync.map { $0["state"] as? String } == ["unmatched"])
        #expect(sync.first?["reason"] as? String == "No directory user has i-1@contoso.com.")
    }
}
