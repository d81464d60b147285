import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import Foundation
import GoogleEmulator
import Testing

/// A Google Workspace integration through the API, the engine and the provider registry against the Google emulator
/// (in process): created with its key file, people matched by e-mail (an alias through the directory), busy time
/// pulled and shown by the availability API, training sessions and absences pushed, changed and removed, and a
/// person's sync switched off.
@Suite(.serialized) struct GoogleEndToEndTests {
    final class World: @unchecked Sendable {  // owned by one test
        static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        static let ada = "ada@fabrikam.example"
        static let linus = "linus@fabrikam.example"

        let emulator: GoogleEmulator
        let store: CalSyncStore
        let engine: SyncEngine
        let server: APIServer
        let database = TemporaryDatabase(prefix: "google-e2e")
        static let token = "google-e2e-admin-token-0123456789"

        init() async throws {
            emulator = GoogleEmulator(
                tenant: try GoogleTenant(
                    contentsOf: Self.root.appendingPathComponent("fixtures/tenants/google-fabrikam.json").path))
            store = try database.open()
            let registry = ProviderRegistry.standard(transport: InProcessTransport(emulator), coalescesRequests: false)
            engine = SyncEngine(store: store, providers: registry, logger: .silent)
            let context = APIContext(
                store: store, sync: RecordingSyncControl(), metrics: MetricsRegistry(),
                vocabularies: registry.vocabularies, doctor: Doctor(store: store, providers: registry))
            server = CalSyncAPI.server(
                context, authenticator: Authenticator(tokens: [.init(Secret(Self.token), role: .admin)]), logger: .silent)
        }

        static func key() throws -> [String: Any] {
            let data = try Data(contentsOf: root.appendingPathComponent("fixtures/google/test-service-account.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        static func body(key: [String: Any]? = nil, extra: [String: Any] = [:]) throws -> [String: Any] {
            var body: [String: Any] = [
                "name": "Fabrikam (Google)", "type": "google", "serviceAccountKey": try key ?? Self.key(),
                "adminEmail": "grace@fabrikam.example", "googleBaseURL": "http://127.0.0.1:8092",
                "settings": ["futureDays": 30],
            ]
            body.merge(extra) { $1 }
            return body
        }

        func call(_ method: HTTPMethod, _ path: String, _ json: Any? = nil) async -> (Int, [String: Any], String) {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(Self.token)"]
            var body = Data()
            if let json {
                body = try! JSONSerialization.data(withJSONObject: json)
                headers["Content-Type"] = "application/json"
            }
            let response = await server.respond(to: HTTPRequest(method: method, target: path, headers: headers, body: body))
            let text = String(decoding: response.body, as: UTF8.self)
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:], text)
        }

        @discardableResult
        func cycle() async throws -> CycleReport.IntegrationReport {
            let report = try #require(await engine.runCycle())
            return try #require(report.integrations.first)
        }

        /// CalSync's live events in the person's calendar.
        func pushed(_ user: String) -> [JSONValue] {
            emulator.storedEvents(user: user).filter {
                $0["extendedProperties"]?["private"]?["calsyncTag"] != nil && $0["status"]?.stringValue != "cancelled"
            }
        }

        func deinitialize() { database.remove() }
    }

    static func utc(_ date: LocalDate, _ hour: Int, in zone: TimeZone) -> String {
        Timestamp.format(LocalDateTime(date: date, hour: hour, minute: 0).instant(in: zone))
    }

    @Test func aGoogleWorkspaceEndToEnd() async throws {
        let w = try await World()
        defer { w.deinitialize() }
        for (id, email) in [
            ("i-ada", "a.lovelace@fabrikam.example"), ("i-linus", World.linus), ("i-zed", "zed@fabrikam.example"),
        ] {
            let (status, _, _) = await w.call(
                .put, "/v1/instructors/\(id)", ["name": id, "email": email, "establishment": "zurich"])
            #expect(status == 201)
        }

        // Created: the key is never shown, only its public identity.
        let (created, integration, text) = await w.call(.post, "/v1/integrations", try World.body())
        #expect(created == 201, "\(text)")
        #expect(integration["type"] as? String == "google")
        #expect(integration["adminEmail"] as? String == "grace@fabrikam.example")
        #expect(integration["googleBaseURL"] as? String == "http://127.0.0.1:8092")
        let account = try #require(integration["serviceAccount"] as? [String: Any])
        #expect(account["clientId"] as? String == "104217380923465120001")
        #expect(account["clientEmail"] as? String == "calsync-sync@fabrikam-emulator.iam.gserviceaccount.com")
        #expect(account["privateKeyId"] as? String == "61cbd001c702cc3432d8a214a56560d256ee2738")
        #expect(account["tokenURI"] as? String == "https://oauth2.googleapis.com/token")
        #expect(integration["serviceAccountKey"] == nil)
        #expect(!text.contains("PRIVATE KEY") && !text.contains("private_key"))
        let id = try #require(integration["id"] as? String)
        let (read, _, readText) = await w.call(.get, "/v1/integrations/\(id)")
        #expect(read == 200 && readText.contains("\"serviceAccount\"") && !readText.contains("PRIVATE KEY"))

        // A cycle matches people by e-mail (Ada by her alias, through the directory) and pulls their busy time.
        let first = try await w.cycle()
        #expect(first.errors == [])
        #expect(Set(first.matched) == ["i-ada", "i-linus"])
        #expect(first.unmatched.map(\.instructorId) == ["i-zed"])
        let (_, zed, _) = await w.call(.get, "/v1/instructors/i-zed")
        #expect(zed["matchStatus"] as? String == "unmatched")

        // Ada's customer call today at 14:00 in Zurich is busy; beyond the synced 30 days nothing is known.
        let zurich = TimeZone(identifier: "Europe/Zurich")!
        let today = LocalDate(Date(), in: zurich)
        let from = Self.utc(today, 13, in: zurich)
        let to = Self.utc(today, 16, in: zurich)
        let (_, known, knownText) = await w.call(.get, "/v1/instructors/i-ada/availability?from=\(from)&to=\(to)")
        #expect(known["availability"] as? String == "known", "\(knownText)")
        let busy = try #require(known["busy"] as? [[String: Any]])
        #expect(busy.contains { $0["start"] as? String == Self.utc(today, 14, in: zurich) && $0["showAs"] as? String == "busy" })
        let later = today.adding(days: 40)
        let (_, unknown, _) = await w.call(
            .get,
            "/v1/instructors/i-ada/availability?from=\(Self.utc(later, 9, in: zurich))&to=\(Self.utc(later, 17, in: zurich))")
        #expect(unknown["availability"] as? String == "unknown")

        // A training session assigned to Ada is pushed into her calendar, changed, then removed.
        let day = today.adding(days: 9)
        let event: [String: Any] = [
            "title": "Safety level 2", "start": Self.utc(day, 8, in: zurich), "end": Self.utc(day, 12, in: zurich),
            "timeZone": "Europe/Zurich",
        ]
        #expect(await w.call(.put, "/v1/events/t-1", event).0 == 201)
        #expect(await w.call(.put, "/v1/events/t-1/instructors/i-ada").0 == 200)
        #expect(try await w.cycle().errors == [])
        let pushed = try #require(w.pushed(World.ada).first)
        #expect(w.pushed(World.ada).count == 1)
        #expect(pushed["summary"]?.stringValue == "Safety level 2")
        #expect(pushed["extendedProperties"]?["private"]?["calsyncTag"]?.stringValue == "calsync|\(id)|event|t-1|i-ada")
        var renamed = event
        renamed["title"] = "Safety level 3"
        #expect(await w.call(.put, "/v1/events/t-1", renamed).0 == 200)
        try await w.cycle()
        #expect(w.pushed(World.ada).map { $0["summary"]?.stringValue } == ["Safety level 3"])
        #expect(w.pushed(World.ada).first?["id"] == pushed["id"])
        #expect(await w.call(.delete, "/v1/events/t-1/instructors/i-ada").0 == 204)
        try await w.cycle()
        #expect(w.pushed(World.ada).isEmpty)

        // An absence of Linus likewise: approved → in his calendar, cancelled → gone.
        let leave = today.adding(days: 12)
        func absence(_ id: String, _ status: String) -> [String: Any] {
            [
                "personId": "i-linus", "status": status,
                "account": ["name": "Paid leave", "countsAsAbsence": true, "publicReason": false, "remoteWork": false],
                "start": ["date": "\(leave)", "half": "am"], "end": ["date": "\(leave)", "half": "pm"],
            ]
        }
        let (put, _, putText) = await w.call(.put, "/v1/absences/a-1", absence("a-1", "approved"))
        #expect(put == 201, "\(putText)")
        try await w.cycle()
        #expect(w.pushed(World.linus).count == 1)
        #expect(await w.call(.put, "/v1/absences/a-1", absence("a-1", "cancelled")).0 == 200)
        try await w.cycle()
        #expect(w.pushed(World.linus).isEmpty)

        // Sync switched off for Linus: nothing more is pushed to him, and his availability is unknown.
        #expect(await w.call(.put, "/v1/instructors/i-linus/sync", ["enabled": false]).0 == 200)
        #expect(await w.call(.put, "/v1/absences/a-2", absence("a-2", "approved")).0 == 201)
        try await w.cycle()
        #expect(w.pushed(World.linus).isEmpty)
        let (_, off, _) = await w.call(.get, "/v1/instructors/i-linus/availability?from=\(from)&to=\(to)")
        #expect(off["availability"] as? String == "unknown")
    }
}
