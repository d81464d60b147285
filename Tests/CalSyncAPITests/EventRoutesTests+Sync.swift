import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - Sync state and conflicts per assigned person

extension EventRoutesTests {
    func syncEntry(_ api: APITestHarness, _ eventId: String, _ instructorId: String) async throws -> [String: Any] {
        let reply = await api.send(.get, "/v1/events/\(eventId)", token: .reader)
        #expect(reply.status == 200)
        let entries = try #require(reply.json["sync"] as? [[String: Any]])
        return try #require(entries.first { $0["instructorId"] as? String == instructorId })
    }

    @Test func syncStateFollowsTheMappingAndTheLatestOperation() async throws {
        let api = try await seededPeople()
        #expect(await api.send(.put, "/v1/events/e-1", json: body(["i-1"]), token: .scheduler).status == 201)
        var operation = try #require(try await PushFixture.operations(api.store).first)
        #expect(try await syncEntry(api, "e-1", "i-1")["state"] as? String == "pending")

        // The pusher created the event: the mapping holds its id, the operation succeeded.
        try await PushFixture.seedMapping(api.store, "e-1", "i-1", externalId: "AAMk-42")
        operation.status = .success
        operation.attempts = 1
        try await api.store.updateOperation(operation)
        let synced = try await syncEntry(api, "e-1", "i-1")
        #expect(synced["state"] as? String == "synced")
        #expect(synced["externalId"] as? String == "AAMk-42")
        #expect(synced["error"] is NSNull)

        // A later update failed.
        try await api.store.appendOperation(
            OperationRecord(
                key: PushFixture.key("e-1", "i-1"), action: .update, status: .error, attempts: 3, createdAt: PushFixture.now,
                errorCode: "ErrorItemNotFound", errorMessage: "The specified object was not found in the store.",
                httpStatus: 404))
        let failed = try await syncEntry(api, "e-1", "i-1")
        #expect(failed["state"] as? String == "error")
        let error = try #require(failed["error"] as? [String: Any])
        #expect(error["code"] as? String == "ErrorItemNotFound")
        #expect(error["httpStatus"] as? Int == 404)
    }

    @Test func conflictsShowBusyBlocksAndOtherAssignments() async throws {
        let api = try await seededPeople()
        // e-1 09:00–12:00Z; a busy block 11:00–13:00Z; e-2 11:30–13:30Z; e-3 afternoon, no overlap.
        try await api.store.applyBusyChanges(
            integrationId: "m365", instructorId: "i-1",
            upserts: [
                BusyBlock(
                    integrationId: "m365", instructorId: "i-1", externalId: "outlook-1",
                    start: PushFixture.at("2026-03-02T11:00:00Z"), end: PushFixture.at("2026-03-02T13:00:00Z"),
                    showAs: .busy, isAllDay: false)
            ],
            removals: [])
        var other = body(["i-1"])
        other["start"] = "2026-03-02T11:30:00Z"
        other["end"] = "2026-03-02T13:30:00Z"
        #expect(await api.send(.put, "/v1/events/e-2", json: other, token: .scheduler).status == 201)
        var later = body(["i-1"])
        later["start"] = "2026-03-02T15:00:00Z"
        later["end"] = "2026-03-02T16:00:00Z"
        #expect(await api.send(.put, "/v1/events/e-3", json: later, token: .scheduler).status == 201)

        var first = body(["i-1", "i-3"])
        first["start"] = "2026-03-02T09:00:00Z"
        first["end"] = "2026-03-02T12:00:00Z"
        let reply = await api.send(.put, "/v1/events/e-1", json: first, token: .scheduler)
        let sync = try #require(reply.json["sync"] as? [[String: Any]])
        let conflicts = try #require(sync.first?["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 2)
        let external = try #require(conflicts.first { $0["kind"] as? String == "external" })
        #expect(external["start"] as? String == "2026-03-02T11:00:00Z")
        #expect(external["end"] as? String == "2026-03-02T13:00:00Z")
        #expect(external["ref"] is NSNull)
        let training = try #require(conflicts.first { $0["kind"] as? String == "training" })
        #expect(training["ref"] as? String == "e-2")
        #expect(training["start"] as? String == "2026-03-02T11:30:00Z")
        #expect((sync.last?["conflicts"] as? [Any])?.isEmpty == true)
        #expect((try await syncEntry(api, "e-3", "i-1")["conflicts"] as? [Any])?.isEmpty == true)

        // A cancelled event conflicts with nothing.
        first["status"] = "cancelled"
        let cancelled = await api.send(.put, "/v1/events/e-1", json: first, token: .scheduler)
        let entries = try #require(cancelled.json["sync"] as? [[String: Any]])
        #expect((entries.first?["conflicts"] as? [Any])?.isEmpty == true)
    }

    @Test func assignmentStateUnitRules() {
        let key = PushFixture.key("e-1", "i-1")
        let mapped = EventMapping(
            key: key, calendarId: "u", externalId: "x", idempotencyKey: "t", generation: 1,
            fingerprint: "f", updatedAt: PushFixture.now)
        func op(_ action: OperationRecord.Action, _ status: OperationRecord.Status) -> OperationRecord {
            OperationRecord(key: key, action: action, status: status, createdAt: PushFixture.now)
        }
        let state = { (mapping: EventMapping?, latest: OperationRecord?) in
            AssignmentSyncState.resolve(instructorId: "i-1", mapping: mapping, latest: latest).state.rawValue
        }
        #expect(state(nil, nil) == "pending")
        #expect(state(nil, op(.create, .pending)) == "pending")
        #expect(state(mapped, op(.update, .pending)) == "pending")
        #expect(state(mapped, op(.update, .error)) == "error")
        #expect(state(mapped, op(.create, .success)) == "synced")
        #expect(state(mapped, nil) == "synced")
        #expect(state(mapped, op(.update, .processed)) == "synced")
        #expect(state(nil, op(.delete, .success)) == "synced")
        #expect(state(nil, op(.create, .processed)) == "pending")
    }
}
