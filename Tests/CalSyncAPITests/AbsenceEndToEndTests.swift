import CalSyncAPI
import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import Foundation
import GraphEmulator
import MicrosoftCalendarKit
import Testing

/// Absences through the API, the real-time pusher and the Graph emulator behind its own socket server
/// (libcurl): the lifecycle pending → approved → cancelled, deletes (one finding the event already deleted), and
/// initialization with two establishments of which the integration covers one, leaving a key an admin marked
/// processed alone.
@Suite(.serialized) struct AbsenceEndToEndTests {
    final class World: @unchecked Sendable {  // owned by one test
        let emulator: GraphEmulator
        let graph: HTTPServer
        let controller: SyncController
        let store: CalSyncStore
        let api: APIServer
        let database = TemporaryDatabase(prefix: "abs-e2e")
        static let token = "abs-admin-token-0123456789"

        /// Ana (Paris, mailbox in Paris time) and Ben (Lyon); the integration covers Paris only. Both are
        /// matched to their mailboxes as the matcher would have done (no cycle runs in these tests).
        init() async throws {
            let tenant = EmulatorTenant(
                tenantId: "abs-tenant", domain: "abs.example",
                apps: [
                    .init(
                        clientId: "abs-app", clientSecret: "abs-secret-value",
                        roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
                ],
                users: [
                    .init(
                        id: "u-ana", displayName: "Ana", mail: "ana@abs.example", userPrincipalName: "ana@abs.example",
                        mailboxTimeZone: "Romance Standard Time"),
                    .init(
                        id: "u-ben", displayName: "Ben", mail: "ben@abs.example", userPrincipalName: "ben@abs.example",
                        mailboxTimeZone: "Romance Standard Time"),
                ])
            emulator = GraphEmulator(tenant: tenant, zones: .bundled)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            graph = HTTPServer(configuration: configuration, responder: emulator)
            let graphPort = try graph.start()
            store = try database.open()
            try await store.saveIntegration(
                Integration(
                    id: "abs", name: "Abs", tenantId: "abs-tenant", clientId: "abs-app", clientSecret: Secret("abs-secret-value"),
                    establishments: ["paris"], graphBaseURL: "http://127.0.0.1:\(graphPort)/v1.0",
                    authorityHost: "http://127.0.0.1:\(graphPort)", createdAt: Date()))
            for (id, establishment) in [("ana", "paris"), ("ben", "lyon")] {
                try await Self.person(id, establishment: establishment, in: store)
            }
            let metrics = MetricsRegistry()
            let engine = SyncEngine(
                store: store, providers: ProviderRegistry.standard(transport: CurlTransport(), coalescesRequests: false),
                logger: .silent)
            controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
            api = CalSyncAPI.server(
                APIContext(store: store, sync: controller, metrics: metrics, vocabularies: ProviderRegistry.standardVocabularies),
                authenticator: Authenticator(tokens: [.init(Secret(Self.token), role: .admin)]), logger: .silent)
        }

        /// Person `i-<id>` of `establishment`, matched to mailbox `u-<id>` (whether the tenant has it or not).
        static func person(_ id: String, establishment: String, in store: CalSyncStore) async throws {
            try await store.saveInstructor(
                Instructor(id: "i-\(id)", name: id, email: "\(id)@abs.example", establishment: establishment))
            try await store.saveMatch(
                InstructorMatch(
                    instructorId: "i-\(id)", integrationId: "abs", status: .matched, calendarId: "u-\(id)",
                    calendarAddress: "\(id)@abs.example", calendarTimeZone: "Europe/Paris", matchedAt: Date(),
                    matchedEmail: "\(id)@abs.example"))
        }

        func stop() async {
            await controller.stop()
            await graph.shutdown(timeout: 1)
            database.remove()
        }

        @discardableResult
        func call(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async -> (Int, [String: Any]) {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(Self.token)"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let response = await api.respond(
                to: HTTPRequest(method: method, target: path, headers: headers, body: Data((json ?? "").utf8)))
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        }

        func pushed(_ userId: String) -> [EmulatorEventSnapshot] {
            emulator.storedEvents(userId: userId).filter { $0.extendedProperty(CalSyncNamedProperty.graphId) != nil }
        }

        /// Waits (at most 5 s) until `done` holds for the mailbox's CalSync events.
        func waitFor(_ userId: String, _ done: ([EmulatorEventSnapshot]) -> Bool) async throws -> [EmulatorEventSnapshot] {
            for _ in 0..<100 {
                if done(pushed(userId)) { return pushed(userId) }
                try await Task.sleep(for: .milliseconds(50))
            }
            return pushed(userId)
        }

        /// The person's operations once none is pending any more (waits at most 5 s), oldest first.
        func settled(_ instructorId: String) async throws -> [OperationRecord] {
            var operations: [OperationRecord] = []
            for _ in 0..<100 {
                operations = try await store.operations(instructorId: instructorId)
                if !operations.contains(where: { $0.status == .pending }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            return operations
        }

        /// `GET /v1/sync/operations` for one person, as an admin reads the log.
        func operationsLog(_ instructorId: String, status: String? = nil) async -> [[String: Any]] {
            let (_, body) = await call(
                .get, "/v1/sync/operations?instructorId=\(instructorId)" + (status.map { "&status=\($0)" } ?? ""))
            return body["items"] as? [[String: Any]] ?? []
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
        let (created, body) = await w.call(
            .put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "pending"))
        #expect(created == 201, "\(body)")
        let tentative = try await w.waitFor("u-ana") { $0.count == 1 }
        let event = try #require(tentative.first)
        #expect(event.showAs == "tentative")
        #expect(event.isAllDay)
        #expect(event.start == Timestamp.parse("2030-01-06T23:00:00Z"))  // 2030-01-07 in Paris
        #expect(event.end == Timestamp.parse("2030-01-08T23:00:00Z"))

        let (updated, _) = await w.call(
            .put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "approved"))
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

        let (cancelled, _) = await w.call(
            .put, "/v1/absences/a-1", Self.absence("i-ana", from: day, to: day.adding(days: 1), status: "cancelled"))
        #expect(cancelled == 200)
        #expect(try await w.waitFor("u-ana") { $0.isEmpty }.isEmpty)
        // The event is gone from the calendar a moment before the pusher records the delete's success.
        let actions = try await w.settled("i-ana").map { "\($0.action.rawValue):\($0.status.rawValue)" }
        #expect(actions == ["create:success", "update:success", "delete:success"])
        #expect(try await w.store.lastSyncRun() == nil, "no sync cycle ran: the real-time path pushed it")
        await w.stop()
    }

    @Test func initializationPushesTheCoveredEstablishmentOnly() async throws {
        let w = try await World()
        // Data the HR system and the scheduler sent before: in the store, never planned.
        let day = LocalDate("2030-01-07")!
        try await w.store.saveAbsence(Self.leave("a-ana", "i-ana", day))
        try await w.store.saveAbsence(Self.leave("a-ana-old", "i-ana", LocalDate("2029-12-20")!))  // ends before `since`
        try await w.store.saveAbsence(Self.leave("a-ben", "i-ben", day))
        for (id, person) in [("t-ana", "i-ana"), ("t-ben", "i-ben")] {
            try await w.store.saveTrainingEvent(
                TrainingEvent(
                    id: id, title: "Course", start: Timestamp.parse("2030-01-09T08:00:00Z")!,
                    end: Timestamp.parse("2030-01-09T16:00:00Z")!,
                    timeZone: "Europe/Paris", instructorIds: [person]))
        }

        // Lyon is not covered: choosing it is refused.
        let (refused, error) = await w.call(
            .post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01","establishments":["lyon"]}"#)
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
        let (_, again) = await w.call(
            .post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01","establishments":["paris"]}"#)
        #expect(again["items"] as? Int == 2)
        #expect(again["operations"] as? Int == 0)
        await w.stop()
    }

    /// One day off (am to pm) of an approved absence, as the HR system sent it before.
    static func leave(_ id: String, _ person: String, _ day: LocalDate) -> Absence {
        Absence(
            id: id, personId: person, account: .init(name: "Paid leave"), start: .init(date: day, half: .am),
            end: .init(date: day, half: .pm), status: .approved)
    }

    @Test func initializationLeavesAnOperationMarkedProcessedAloneAndRetriesTheOthers() async throws {
        let w = try await World()
        // Cleo (Paris, covered) is matched to a mailbox the tenant has not opened yet: her pushes fail (404).
        try await World.person("cleo", establishment: "paris", in: w.store)
        let day = LocalDate("2030-01-07")!
        for (id, person) in [("a-ana", "i-ana"), ("a-cleo", "i-cleo"), ("a-ben", "i-ben")] {
            try await w.store.saveAbsence(Self.leave(id, person, day))
        }
        for (id, person) in [("t-cleo", "i-cleo"), ("t-ben", "i-ben")] {
            try await w.store.saveTrainingEvent(
                TrainingEvent(
                    id: id, title: "Course", start: Timestamp.parse("2030-01-09T08:00:00Z")!,
                    end: Timestamp.parse("2030-01-09T16:00:00Z")!,
                    timeZone: "Europe/Paris", instructorIds: [person]))
        }

        let (accepted, first) = await w.call(.post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01"}"#)
        #expect(accepted == 202, "\(first)")
        #expect(first["items"] as? Int == 3)  // Ana's absence, Cleo's absence and course; Ben is in Lyon, not covered
        #expect(first["operations"] as? Int == 3)
        #expect(try await w.waitFor("u-ana") { $0.count == 1 }.map(\.subject) == ["Absent"])
        #expect(try await w.settled("i-cleo").map(\.status) == [.error, .error])

        // The admin dismisses the absence's push for good (through the API, as the admin pages do).
        let failed = await w.operationsLog("i-cleo", status: "error")
        #expect(Set(failed.compactMap { $0["itemId"] as? String }) == ["a-cleo", "t-cleo"])
        #expect(Set(failed.map { $0["part"] as? String ?? "none" }) == ["days", "none"])
        #expect(failed.allSatisfy { ($0["error"] as? [String: Any])?["httpStatus"] as? Int == 404 })
        let dismissed = try #require(failed.first { $0["itemId"] as? String == "a-cleo" }?["id"] as? String)
        let (marked, operation) = await w.call(.post, "/v1/sync/operations/\(dismissed)/mark-processed")
        #expect(marked == 200, "\(operation)")
        #expect(operation["status"] as? String == "processed")

        // Cleo's mailbox opens; initializing again finds the same items and queues the course only.
        try w.emulator.addUser(
            .init(
                id: "u-cleo", displayName: "Cleo", mail: "cleo@abs.example",
                userPrincipalName: "cleo@abs.example", mailboxTimeZone: "Romance Standard Time"))
        let (_, again) = await w.call(.post, "/v1/integrations/abs/initialize", #"{"since":"2030-01-01"}"#)
        #expect(again["items"] as? Int == 3)
        #expect(again["operations"] as? Int == 1)
        #expect(try await w.waitFor("u-cleo") { $0.count == 1 }.map(\.subject) == ["Course"])
        let cleo = try await w.settled("i-cleo")
        #expect(
            cleo.filter { $0.key.itemId == "a-cleo~days" }.map { "\($0.id):\($0.status.rawValue)" } == ["\(dismissed):processed"],
            "no new operation for the processed key")
        // The course's failed push is tried again on its own line of the log (one open operation per key).
        #expect(cleo.filter { $0.key.itemId == "t-cleo" }.map(\.status) == [.success])
        #expect(w.pushed("u-cleo").map(\.subject) == ["Course"], "the dismissed absence never reached the calendar")
        #expect(w.pushed("u-ana").count == 1)
        #expect(w.pushed("u-ben").isEmpty)
        await w.stop()
    }

    @Test func deletingAnAbsenceDeletesItsEventAndOneAlreadyGoneIsLoggedAsAlreadyDeleted() async throws {
        let w = try await World()
        let days = [("a-1", LocalDate("2030-01-07")!), ("a-2", LocalDate("2030-01-14")!)]
        for (id, day) in days {
            let (created, body) = await w.call(
                .put, "/v1/absences/\(id)", Self.absence("i-ana", from: day, to: day, status: "approved"))
            #expect(created == 201, "\(body)")
        }
        #expect(try await w.waitFor("u-ana") { $0.count == 2 }.count == 2)
        _ = try await w.settled("i-ana")
        var eventIds: [String: String] = [:]
        for (id, _) in days {
            let (_, read) = await w.call(.get, "/v1/absences/\(id)")
            eventIds[id] = (read["sync"] as? [[String: Any]])?.first?["externalId"] as? String
        }
        let first = try #require(eventIds["a-1"])
        let second = try #require(eventIds["a-2"])

        // Deleted by the HR system: its event goes from the calendar, the other stays.
        let (deleted, _) = await w.call(.delete, "/v1/absences/a-1")
        #expect(deleted == 204)
        #expect(try await w.waitFor("u-ana") { $0.count == 1 }.map(\.id) == [second])
        #expect(await w.call(.get, "/v1/absences/a-1").0 == 404)

        // The person deleted the other one in Outlook already: the delete finds nothing (404), done and noted.
        try w.emulator.removeEvent(userId: "u-ana", eventId: second)
        let (again, _) = await w.call(.delete, "/v1/absences/a-2")
        #expect(again == 204)
        _ = try await w.settled("i-ana")
        #expect(w.pushed("u-ana").isEmpty)
        let deletes = await w.operationsLog("i-ana").filter { $0["action"] as? String == "delete" }
        #expect(deletes.map { $0["itemId"] as? String } == ["a-1", "a-2"])
        #expect(deletes.map { $0["part"] as? String } == ["days", "days"])
        #expect(deletes.map { $0["status"] as? String } == ["success", "success"])
        #expect(deletes.map { $0["externalId"] as? String } == [first, second])
        #expect(deletes.map { $0["note"] as? String } == [nil, "already deleted"])
        await w.stop()
    }
}
