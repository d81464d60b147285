import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - Initialize

extension IntegrationRoutesTests {
    /// Paris and Lyon covered; a Berlin person outside; events before and after 2026-03-02.
    func seedInitialization(_ h: APITestHarness) async throws -> String {
        let id = try await AdminFixture.createIntegration(h, ["establishments": ["paris", "lyon"]])
        try await AdminFixture.seedPerson(h.store, "i-paris", establishment: "paris", integrationId: id)
        try await AdminFixture.seedPerson(h.store, "i-lyon", establishment: "lyon", integrationId: id)
        try await AdminFixture.seedPerson(h.store, "i-berlin", establishment: "berlin", integrationId: id)
        try await AdminFixture.seedEvent(h.store, "e-old", hours: 2, instructors: ["i-paris"])  // ends 2026-03-01T03:00Z
        try await AdminFixture.seedEvent(h.store, "e-paris", hours: 48, instructors: ["i-paris"])
        try await AdminFixture.seedEvent(h.store, "e-lyon", hours: 72, instructors: ["i-lyon", "i-berlin"])
        try await AdminFixture.seedEvent(h.store, "e-berlin", hours: 96, instructors: ["i-berlin"])
        return id
    }

    @Test func initializeCountsTheEventsFoundAndQueuesTheirPushes() async throws {
        let h = try harness()
        let id = try await seedInitialization(h)
        let reply = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-02"])
        #expect(reply.status == 202, "\(text(reply))")
        #expect(reply.json["items"] as? Int == 2)
        #expect(reply.json["operations"] as? Int == 2)
        let pending = try await h.store.operations(status: .pending)
        #expect(Set(pending.map { "\($0.key.itemId)/\($0.key.instructorId)" }) == ["e-paris/i-paris", "e-lyon/i-lyon"])
        #expect(pending.allSatisfy { $0.action == .create && $0.key.integrationId == id })
        #expect(h.control.wakes == 1)

        // From an earlier date the old event counts too; the other two keys already have a pending push.
        let earlier = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-01"])
        #expect(earlier.json["items"] as? Int == 3)
        #expect(earlier.json["operations"] as? Int == 1)
    }

    @Test func initializeLimitsToTheChosenEstablishments() async throws {
        let h = try harness()
        let id = try await seedInitialization(h)
        let reply = await h.send(
            .post, "/v1/integrations/\(id)/initialize",
            json: ["since": "2026-03-02", "establishments": ["lyon"]])
        #expect(reply.json["items"] as? Int == 1)
        #expect(try await h.store.operations(status: .pending).map(\.key.instructorId) == ["i-lyon"])
        let outside = await h.send(
            .post, "/v1/integrations/\(id)/initialize",
            json: ["since": "2026-03-02", "establishments": ["lyon", "berlin"]])
        #expect(outside.status == 422)
        #expect(outside.errorField == "establishments[1]")
    }

    @Test func initializeLeavesProcessedOperationsAlone() async throws {
        let h = try harness()
        let id = try await seedInitialization(h)
        _ = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-02"])
        for var operation in try await h.store.operations(status: .pending) {
            // The admin dismissed Paris's push; Lyon's failed.
            operation.status = operation.key.instructorId == "i-paris" ? .processed : .error
            try await h.store.updateOperation(operation)
        }
        let again = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-02"])
        #expect(again.json["items"] as? Int == 2)
        #expect(again.json["operations"] as? Int == 1)
        #expect(try await h.store.operations(status: .pending).map(\.key.instructorId) == ["i-lyon"])
    }

    @Test func initializeReadsAnEventsLastDayInItsOwnZone() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: "paris", integrationId: id)
        let events: [(String, String, String, String)] = [
            // (id, zone, start, end): since 2026-03-02
            ("t-paris-late", "Europe/Paris", "2026-03-01T22:00:00Z", "2026-03-01T23:30:00Z"),  // to 00:30 on 03-02
            ("t-paris-midnight", "Europe/Paris", "2026-03-01T20:00:00Z", "2026-03-01T23:00:00Z"),  // to 00:00: 03-01
            ("t-la-evening", "America/Los_Angeles", "2026-03-02T01:00:00Z", "2026-03-02T03:00:00Z"),  // 19:00 on 03-01
            ("t-utc-midnight", "UTC", "2026-03-01T22:00:00Z", "2026-03-02T00:00:00Z"),
        ]
        for (event, zone, start, end) in events {
            try await h.store.saveTrainingEvent(
                TrainingEvent(
                    id: event, title: "Course", start: Timestamp.parse(start)!, end: Timestamp.parse(end)!, timeZone: zone,
                    instructorIds: ["i-1"]))
        }
        let reply = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-02"])
        #expect(reply.status == 202, "\(text(reply))")
        #expect(reply.json["items"] as? Int == 1)
        #expect(try await h.store.operations(status: .pending).map(\.key.itemId) == ["t-paris-late"])
        let dayBefore = await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-03-01"])
        #expect(dayBefore.json["items"] as? Int == 4)
    }

    @Test func initializeValidatesItsBodyAndState() async throws {
        let h = try harness()
        let id = try await seedInitialization(h)
        let path = "/v1/integrations/\(id)/initialize"
        let cases: [(String, String)] = [
            (#"{}"#, "since"), (#"{"since": "2026-02-30"}"#, "since"), (#"{"since": "yesterday"}"#, "since"),
            (#"{"since": "2026-03-02", "until": "2026-04-01"}"#, "until"),
            (#"{"since": "2026-03-02", "establishments": [1]}"#, "establishments[0]"),
        ]
        for (body, field) in cases {
            let reply = await h.send(.post, path, json: try object(body))
            #expect(reply.status == 422 && reply.errorField == field, "\(body): \(text(reply))")
        }
        #expect(await h.send(.post, path, rawBody: "{", contentType: "application/json").status == 400)
        #expect(await h.send(.post, path, rawBody: "{}", contentType: "text/json").status == 415)
        _ = await h.send(.patch, "/v1/integrations/\(id)", json: ["status": "inactive"])
        #expect(await h.send(.post, path, json: ["since": "2026-03-02"]).status == 409)
        #expect(try await h.store.operations().isEmpty)
    }
}
