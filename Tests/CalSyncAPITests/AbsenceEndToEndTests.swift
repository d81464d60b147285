import CalSyncAPI
import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation
import GraphEmulator
import Testing

/// Absences through the API, the real-time pusher and the Graph emulator behind its own socket server
/// (libcurl): the lifecycle pending → approved → cancelled, and initialization with two establishments of
/// which the integration covers one.
@Suite(.serialized) struct AbsenceEndToEndTests {
    final class World: @unchecked Sendable {  // owned by one test
        let emulator: GraphEmulator
        let graph: HTTPServer
        let controller: SyncController
        let store: CalSyncStore
        let api: APIServer
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("abs-e2e-\(UUID().uuidString).sqlite").path
        static let token = "abs-admin-token-0123456789"

        /// Ana (Paris, mailbox in Paris time) and Ben (Lyon); the integration covers Paris only. Both are
        /// matched to their mailboxes as the matcher would have done (no cycle runs in these tests).
        init() async throws {
            let tenant = EmulatorTenant(
                tenantId: "abs-tenant", domain: "abs.example",
                apps: [.init(clientId: "abs-app", clientSecret: "abs-secret-value", roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])],
                users: [
                    .init(id: "u-ana", displayName: "Ana", mail: "ana@abs.example", userPrincipalName: "ana@abs.example",
                          mailboxTimeZone: "Romance Standard Time"),
                    .init(id: "u-ben", displayName: "Ben", mail: "ben@abs.example", userPrincipalName: "ben@abs.example",
                          mailboxTimeZone: "Romance Standard Time"),
                ])
            emulator = GraphEmulator(tenant: tenant, zones: .bundled)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            graph = HTTPServer(configuration: configuration, responder: emulator)
            let graphPort = try graph.start()
            store = try CalSyncStore(path: path)
            try await store.saveIntegration(Integration(
                id: "abs", name: "Abs", tenantId: "abs-tenant", clientId: "abs-app", clientSecret: Secret("abs-secret-value"),
                establishments: ["paris"], graphBaseURL: "http://127.0.0.1:\(graphPort)/v1.0",
                authorityHost: "http://127.0.0.1:\(graphPort)", createdAt: Date()))
            for (id, establishment) in [("ana", "paris"), ("ben", "lyon")] {
                try await store.saveInstructor(Instructor(id: "i-\(id)", name: id, email: "\(id)@abs.example", establishment: establishment))
                try await store.saveMatch(InstructorMatch(
                    instructorId: "i-\(id)", integrationId: "abs", status: .matched, calendarUserId: "u-\(id)",
                    calendarUserMail: "\(id)@abs.example", mailboxTimeZone: "Europe/Paris", matchedAt: Date(),
                    matchedEmail: "\(id)@abs.example"))
            }
            let metrics = MetricsRegistry()
            let engine = SyncEngine(store: store, providers: EndToEndTests.Providers(transport: CurlTransport()), logger: .silent)
            controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
            api = CalSyncAPI.server(
                APIContext(store: store, sync: controller, metrics: metrics),
                authenticator: Authenticator(tokens: [.init(Secret(Self.token), role: .admin)]), logger: .silent)
        }

        func stop() async {
            await controller.stop()
            await graph.shutdown(timeout: 1)
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        }

        @discardableResult
        func call(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async -> (Int, [String: Any]) {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(Self.token)"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let response = await api.respond(to: HTTPRequest(method: method, target: path, headers: headers, body: Data((json ?? "").utf8)))
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        }

        func pushed(_ userId: String) -> [EmulatorEventSnapshot] {
            emulator.storedEvents(userId: userId).filter { $0.extendedProperty(EventTag.propertyId) != nil }
        }

        /// Waits (at most 5 s) until `done` holds for the mailbox's CalSync events.
        func waitFor(_ userId: String, _ done: ([EmulatorEventSnapshot]) -> Bool) async throws -> [EmulatorEventSnapshot] {
            for _ in 0..<100 {
                if done(pushed(userId)) { return pushed(userId) }
                try await Task.sleep(for: .milliseconds(50))
            }
            return pushed(userId)
        }
    }

    static func absence(_ person: String, from: LocalDate, to: LocalDate, status: String) -> String {
        """
        {"personId":"\(person)","account":{"name":"Paid leave","countsAsAbsence":true,"publicReason":false,"remoteWork":false},
         "start":{"date":"\(from)","half":"am"},"end":{"date":"\(to)","half":"pm"},"status":"\(status)"}
        """
    }

    @Test func pendingThenApprovedThenCancelledAtOnceWithoutACycle() async throws {
        let w = try await World()
        let day = LocalDate("2030-01-07")!
        let (created, body) = await w.call(.put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "pending"))
        #expect(created == 201, "\(body)")
        let tentative = try await w.waitFor("u-ana") { $0.count == 1 }
        let event = try #require(tentative.first)
        #expect(event.showAs == "tentative")
        #expect(event.isAllDay)
        #expect(event.start == Timestamp.parse("2030-01-06T23:00:00Z"))  // 2030-01-07 in Paris
        #expect(event.end == Timestamp.parse("2030-01-08T23:00:00Z"))

        let (updated, _) = await w.call(.put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "approved"))
        #expect(updated == 200)
        let confirmed = try await w.waitFor("u-ana") { $0.first?.showAs == "busy" }
        #expect(confirmed.map(\.id) == [event.id])  // the same event, updated
        #expect(confirmed.first?.showAs == "busy")
        let (status, read) = await w.call(.get, "/v1/absences/a-1")
        #expect(status == 200)
        let sync = read["sync"] as? [[String: Any]]
        #expect(sync?.count == 1)
        #expect(sync?.first?["externalId"] as? String == event.id)
        #expect(sync?.first?["part"] as? String == "days")

        let (cancelled, _) = await w.call(.put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "cancelled"))
        #expect(cancelled == 200)
        #expect(try await w.waitFor("u-ana") { $0.isEmpty }.isEmpty)
        // The event is gone from the calendar a moment before the pusher records the delete's success.
        var actions: [String] = []
        for _ in 0..<100 {
            actions = try await w.store.operations(instructorId: "i-ana").map { "\($0.action.rawValue):\($0.status.rawValue)" }
            if !actions.contains(where: { $0.hasSuffix(":pending") }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(actions == ["create:success", "update:success", "delete:success"])
        #expect(try await w.store.lastSyncRun() == nil, "no sync cycle ran: the real-time path pushed it")
        await w.stop()
    }

    @Test func initializationPushesTheCoveredEstablishmentOnly() async throws {
        let w = try await World()
        // Data the HR system and the scheduler sent before: in the store, never planned.
        let day = LocalDate("2030-01-07")!
        let leave = { (id: String, person: String, first: LocalDate) in
            Absence(id: id, personId: person, account: .init(name: "Paid leave"), start: .init(date: first, half: .am),
                    end: .init(date: first, half: .pm), status: .approved)
        }
        try await w.store.saveAbsence(leave("a-ana", "i-ana", day))
        try await w.store.saveAbsence(leave("a-ana-old", "i-ana", LocalDate("2029-12-20")!))  // ends before `since`
        try await w.store.saveAbsence(leave("a-ben", "i-ben", day))
        for (id, person) in [("t-ana", "i-ana"), ("t-ben", "i-ben")] {
            try await w.store.saveTrainingEvent(TrainingEvent(
                id: id, title: "Course", start: Timestamp.parse("2030-01-09T08:00:00Z")!, end: Timestamp.parse("2030-01-09T16:00:00Z")!,
                timeZone: "Europe/Paris", instructorIds: [person]))
        }

        // Lyon is not covered: choosing it is refused.
        let (refused, error) = await w.call(.post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01","establishments":["lyon"]}"#)
        #expect(refused == 422)
        #expect((error["error"] as? [String: Any])?["field"] as? String == "establishments[0]")

        let (accepted, body) = await w.call(.post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01"}"#)
        #expect(accepted == 202, "\(body)")
        #expect(body["items"] as? Int == 2)  // Ana's absence and training event
        #expect(body["operations"] as? Int == 2)
        let pushed = try await w.waitFor("u-ana") { $0.count == 2 }
        #expect(Set(pushed.compactMap(\.subject)) == ["Absent", "Course"])
        #expect(w.pushed("u-ben").isEmpty)

        // Again: everything is as it should be, nothing is queued.
        let (_, again) = await w.call(.post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01","establishments":["paris"]}"#)
        #expect(again["items"] as? Int == 2)
        #expect(again["operations"] as? Int == 0)
        await w.stop()
    }
}
