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

/// The API over real sockets, the worker's real-time pusher and the Graph emulator behind its own
/// socket server, talking through libcurl: what a scheduler sees.
@Suite(.serialized) struct EndToEndTests {
    final class World: @unchecked Sendable {  // owned by one test
        let emulator: GraphEmulator
        let graph: HTTPServer
        let api: HTTPServer
        let controller: SyncController
        let store: CalSyncStore
        let client = CurlTransport(maxConnections: 4)
        let base: String
        let database = TemporaryDatabase(prefix: "e2e")
        static let scheduler = "e2e-scheduler-token-0123456789"
        static let admin = "e2e-admin-token-0123456789abcd"

        init() async throws {
            let tenant = EmulatorTenant(
                tenantId: "e2e-tenant", domain: "e2e.example",
                apps: [
                    .init(
                        clientId: "e2e-app", clientSecret: "e2e-secret-value",
                        roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
                ],
                users: [
                    .init(
                        id: "u-1", displayName: "Ana", mail: "ana@e2e.example", userPrincipalName: "ana@e2e.example",
                        mailboxTimeZone: "UTC")
                ])
            emulator = GraphEmulator(tenant: tenant, zones: .bundled)
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            graph = HTTPServer(configuration: configuration, responder: emulator)
            let graphPort = try graph.start()
            store = try database.open()
            try await store.saveIntegration(
                Integration(
                    id: "e2e", name: "E2E", tenantId: "e2e-tenant", clientId: "e2e-app", clientSecret: Secret("e2e-secret-value"),
                    graphBaseURL: "http://127.0.0.1:\(graphPort)/v1.0", authorityHost: "http://127.0.0.1:\(graphPort)",
                    createdAt: Date()))
            let metrics = MetricsRegistry()
            let engine = SyncEngine(
                store: store, providers: ProviderRegistry.standard(transport: CurlTransport(), coalescesRequests: false),
                logger: .silent)
            controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
            let server = CalSyncAPI.server(
                APIContext(store: store, sync: controller, metrics: metrics, vocabularies: ProviderRegistry.standardVocabularies),
                authenticator: Authenticator(tokens: [
                    .init(Secret(Self.scheduler), role: .scheduler), .init(Secret(Self.admin), role: .admin),
                ]),
                logger: .silent)
            api = HTTPServer(configuration: configuration, responder: server)
            base = "http://127.0.0.1:\(try api.start())"
        }

        func stop() async {
            await controller.stop()
            await api.shutdown(timeout: 1)
            await graph.shutdown(timeout: 1)
            database.remove()
        }

        @discardableResult
        func call(_ method: HTTPMethod, _ path: String, _ json: String? = nil, token: String = World.scheduler) async throws
            -> (Int, [String: Any])
        {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let response = try await client.send(
                HTTPClientRequest(
                    method: method, url: URL(string: base + path)!, headers: headers,
                    body: json.map { Data($0.utf8) }))
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
            return (response.status, object)
        }

        /// Waits (at most 5 s) until the mailbox holds `count` events tagged by CalSync.
        func waitForPushed(_ count: Int) async throws -> [EmulatorEventSnapshot] {
            for _ in 0..<100 {
                let pushed = emulator.storedEvents(userId: "u-1").filter {
                    $0.extendedProperty(CalSyncNamedProperty.graphId) != nil
                }
                if pushed.count == count { return pushed }
                try await Task.sleep(for: .milliseconds(50))
            }
            return emulator.storedEvents(userId: "u-1").filter { $0.extendedProperty(CalSyncNamedProperty.graphId) != nil }
        }
    }

    @Test func anAssignmentReachesTheCalendarWithoutACycle() async throws {
        let w = try await World()
        // One on-demand sync matches Ana to her mailbox; after it no cycle runs (the timer is not started).
        let (created, _) = try await w.call(
            .put, "/v1/instructors/i-ana", #"{"name":"Ana","email":"ANA@e2e.example","establishment":"paris"}"#)
        #expect(created == 201)
        let (accepted, run) = try await w.call(.post, "/v1/sync", "{}", token: World.admin)
        #expect(accepted == 202)
        #expect(run["runId"] is String)
        for _ in 0..<100 where try await w.store.match(instructorId: "i-ana", integrationId: "e2e")?.status != .matched {
            try await Task.sleep(for: .milliseconds(50))
        }
        let cycles = try await w.store.lastSyncRun()?.id

        let event =
            #"{"title":"Swift Basics","start":"2030-01-07T09:00:00+01:00","end":"2030-01-07T17:00:00+01:00","timeZone":"Europe/Paris"}"#
        #expect(try await w.call(.put, "/v1/events/t-1", event).0 == 201)
        #expect(try await w.call(.put, "/v1/events/t-1/instructors/i-ana").0 == 200)
        let pushed = try await w.waitForPushed(1)
        #expect(pushed.count == 1)
        #expect(pushed.first?.subject == "Swift Basics")
        #expect(pushed.first?.start == Timestamp.parse("2030-01-07T08:00:00Z"))
        #expect(try await w.store.lastSyncRun()?.id == cycles, "no sync cycle ran: the real-time path pushed it")

        let (status, body) = try await w.call(.get, "/v1/events/t-1")
        #expect(status == 200)
        let sync = body["sync"] as? [[String: Any]]
        #expect(sync?.first?["state"] as? String == "synced")
        #expect(sync?.first?["externalId"] as? String == pushed.first?.id)

        // Unassigning removes it from the calendar, again at once.
        #expect(try await w.call(.delete, "/v1/events/t-1/instructors/i-ana").0 == 204)
        #expect(try await w.waitForPushed(0).isEmpty)
        await w.stop()
    }
}
