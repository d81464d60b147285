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
import Testing

/// A new integration, a new person or one switched back on is synced at once (matched, pulled, pushed), not at the
/// next cycle: the worker runs with a one-hour interval here, and its timer's first cycle has run before anything
/// exists. Through the API over an in-process server, the real controller and the Graph emulator behind a socket.
@Suite(.serialized) struct InitialSyncTests {
    final class World: @unchecked Sendable {  // owned by one test
        let emulator: GraphEmulator
        let graph: HTTPServer
        let controller: SyncController
        let store: CalSyncStore
        let api: APIServer
        let graphBase: String
        let database = TemporaryDatabase(prefix: "initial")
        static let admin = "initial-admin-token-0123456789"
        static let scheduler = "initial-scheduler-token-012345"
        /// Tomorrow 10:00–11:00 UTC: a meeting in Ana's calendar.
        let meeting: (start: Date, end: Date)

        init() async throws {
            let tenant = EmulatorTenant(
                tenantId: "initial-tenant", domain: "initial.example",
                apps: [
                    .init(
                        clientId: "initial-app", clientSecret: "initial-secret-value",
                        roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
                ],
                users: (["ana", "ben"] + (1...12).map { "p\($0)" }).map {
                    .init(
                        id: "u-\($0)", displayName: $0, mail: "\($0)@initial.example",
                        userPrincipalName: "\($0)@initial.example", mailboxTimeZone: "UTC")
                })
            emulator = GraphEmulator(tenant: tenant, zones: .bundled)
            let utc = TimeZone(identifier: "UTC")!
            let tomorrow = LocalDate(Date(), in: utc).adding(days: 1)
            meeting = (
                LocalDateTime(date: tomorrow, hour: 10, minute: 0).instant(in: utc),
                LocalDateTime(date: tomorrow, hour: 11, minute: 0).instant(in: utc)
            )
            _ = try emulator.addEvent(
                userId: "u-ana",
                json: [
                    "subject": "Meeting", "showAs": "busy",
                    "start": ["dateTime": .string("\(tomorrow)T10:00:00"), "timeZone": "UTC"],
                    "end": ["dateTime": .string("\(tomorrow)T11:00:00"), "timeZone": "UTC"],
                ])
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            graph = HTTPServer(configuration: configuration, responder: emulator)
            graphBase = "http://127.0.0.1:\(try graph.start())"
            store = try database.open()
            let metrics = MetricsRegistry()
            let providers = ProviderRegistry.standard(transport: CurlTransport(), coalescesRequests: false)
            let engine = SyncEngine(store: store, providers: providers, logger: .silent)
            controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
            api = CalSyncAPI.server(
                APIContext(store: store, sync: controller, metrics: metrics, vocabularies: ProviderRegistry.standardVocabularies),
                authenticator: Authenticator(tokens: [
                    .init(Secret(Self.admin), role: .admin), .init(Secret(Self.scheduler), role: .scheduler),
                ]),
                logger: .silent)
            controller.start()
            // The timer's first cycle (nothing to sync yet); the next one is an hour away.
            for _ in 0..<100 where try await store.lastSyncRun()?.finishedAt == nil {
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        func stop() async {
            await controller.stop()
            await graph.shutdown(timeout: 1)
            database.remove()
        }

        @discardableResult
        func call(_ method: HTTPMethod, _ target: String, _ json: String? = nil, token: String = World.admin) async
            -> (Int, [String: Any])
        {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let response = await api.respond(
                to: HTTPRequest(method: method, target: target, headers: headers, body: Data((json ?? "").utf8)))
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
            return (response.status, object)
        }

        func createIntegration() async throws -> String {
            let (status, body) = await call(
                .post, "/v1/integrations",
                """
                {"name":"Initial","tenantId":"initial-tenant","clientId":"initial-app","clientSecret":"initial-secret-value",
                 "graphBaseURL":"\(graphBase)/v1.0","authorityHost":"\(graphBase)"}
                """)
            #expect(status == 201, "\(body)")
            return try #require(body["id"] as? String)
        }

        func putPerson(_ name: String) async {
            let person = #"{"name":"\#(name)","email":"\#(name)@initial.example","establishment":"paris"}"#
            let (status, body) = await call(.put, "/v1/instructors/i-\(name)", person, token: World.scheduler)
            #expect(status == 201, "\(body)")
        }

        /// Ana's availability tomorrow, as a scheduler reads it.
        func availability() async -> [String: Any] {
            let day = ISO8601DateFormatter().string(from: meeting.start).prefix(10)
            return await call(.get, "/v1/instructors/i-ana/availability?from=\(day)T00:00:00Z&to=\(day)T23:59:00Z").1
        }

        /// Waits for `condition` (at least `seconds`, and at least as many 50 ms polls); says whether it came true.
        func eventually(_ seconds: Double = 5, _ condition: () async throws -> Bool) async rethrows -> Bool {
            try await CalSyncTesting.eventually(
                within: seconds, polls: Int(seconds * 20), every: .milliseconds(50), condition)
        }
    }

    func busy(_ availability: [String: Any]) -> [[String: Any]] { availability["busy"] as? [[String: Any]] ?? [] }

    @Test func aNewIntegrationAndANewPersonAreSyncedAtOnce() async throws {
        let w = try await World()
        defer { Task { await w.stop() } }
        _ = try await w.createIntegration()
        await w.putPerson("ana")
        let known = await w.eventually { await w.availability()["availability"] as? String == "known" }
        let availability = await w.availability()
        #expect(known, "Ana's calendar was read at once, not an hour later: \(availability)")
        let blocks = busy(availability)
        #expect(blocks.map { $0["start"] as? String } == [Timestamp.format(w.meeting.start)])
        #expect(blocks.map { $0["end"] as? String } == [Timestamp.format(w.meeting.end)])
        let (_, person) = await w.call(.get, "/v1/instructors/i-ana")
        #expect(person["matchStatus"] as? String == "matched")
    }

    @Test func anIntegrationSwitchedBackOnIsSyncedAtOnce() async throws {
        let w = try await World()
        defer { Task { await w.stop() } }
        let id = try await w.createIntegration()
        #expect(await w.call(.patch, "/v1/integrations/\(id)", #"{"status":"inactive"}"#).0 == 200)
        await w.putPerson("ana")
        try await Task.sleep(for: .milliseconds(300))
        #expect(await w.availability()["availability"] as? String == "unknown", "an inactive integration syncs nobody")
        #expect(await w.call(.patch, "/v1/integrations/\(id)", #"{"status":"active"}"#).0 == 200)
        let known = await w.eventually { await w.availability()["availability"] as? String == "known" }
        let availability = await w.availability()
        #expect(known, "\(availability)")
        #expect(busy(availability).count == 1)
    }

    @Test func aPersonSwitchedBackOnIsPulledAtOnceEvenWhileACycleRuns() async throws {
        let w = try await World()
        defer { Task { await w.stop() } }
        _ = try await w.createIntegration()
        await w.putPerson("ana")
        let pulled = await w.eventually { busy(await w.availability()).count == 1 }
        #expect(pulled)
        #expect(await w.call(.put, "/v1/instructors/i-ana/sync", #"{"enabled":false}"#).0 == 200)
        let utc = TimeZone(identifier: "UTC")!
        let day = LocalDate(w.meeting.start, in: utc)
        _ = try w.emulator.addEvent(
            userId: "u-ana",
            json: [
                "subject": "Dentist", "showAs": "busy",
                "start": ["dateTime": .string("\(day)T15:00:00"), "timeZone": "UTC"],
                "end": ["dateTime": .string("\(day)T16:00:00"), "timeZone": "UTC"],
            ])
        // A slow Graph keeps an on-demand sync of everyone running while Ana is switched back on.
        var slow = EmulatorFaults()
        slow.addedLatencyMs = 400
        w.emulator.setFaults(slow)
        #expect(await w.call(.post, "/v1/sync", "{}").0 == 202)
        try await Task.sleep(for: .milliseconds(100))
        #expect(await w.call(.put, "/v1/instructors/i-ana/sync", #"{"enabled":true}"#).0 == 200)
        let both = await w.eventually(10) { busy(await w.availability()).count == 2 }
        let availability = await w.availability()
        #expect(both, "the meeting and the new appointment: \(availability)")
    }

    /// People sent together are synced together: a dozen new people cost a run or two, not a dozen.
    @Test func newPeopleSentTogetherShareOneSync() async throws {
        let w = try await World()
        defer { Task { await w.stop() } }
        _ = try await w.createIntegration()
        let first = try await w.eventually { try await w.store.lastSyncRun()?.finishedAt != nil }
        #expect(first)
        let before = try #require(try await w.store.lastSyncRun()?.id)
        await withTaskGroup(of: Void.self) { group in
            for n in 1...12 { group.addTask { await w.putPerson("p\(n)") } }
        }
        let matched = try await w.eventually(10) {
            let matches = try await w.store.matches(integrationId: w.store.integrations().first?.id ?? "")
            return matches.filter { $0.status == .matched }.count == 12
        }
        #expect(matched)
        let runs = try #require(try await w.store.lastSyncRun()?.id) - before
        #expect(runs >= 1 && runs <= 3, "\(runs) runs for 12 people")
    }
}
