import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import EWSEmulator
import Foundation
import Testing

/// An Exchange Server integration end to end: created through the API, the registry's Exchange provider talking to
/// the EWSEmulator in process (Basic logon as `CONTOSO\svc-calsync`), the real sync engine on a clock the test moves,
/// and what a scheduler then reads from the API and finds in the people's mailboxes.
@Suite struct ExchangeEndToEndTests {
    static let jane = "jane.doe@contoso.example"
    static let now = Timestamp.parse("2026-03-02T07:00:00Z")!

    final class World: Sendable {
        let clock = ManualClock(ExchangeEndToEndTests.now)
        let emulator: EWSEmulator
        let api: APITestHarness
        let engine: SyncEngine

        init() throws {
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("fixtures/tenants/exchange-contoso.json")
            emulator = EWSEmulator(tenant: try EWSTenant(contentsOf: fixtures.path), clock: clock)
            api = try APITestHarness(clock: clock)
            engine = SyncEngine(
                store: api.store,
                providers: ProviderRegistry.standard(
                    transport: InProcessTransport(emulator), clock: clock, coalescesRequests: false),
                clock: clock, logger: .silent)
        }

        /// One sync cycle; every integration comes out of it without an error.
        @discardableResult
        func cycle() async throws -> CycleReport {
            let report = try #require(await engine.runCycle())
            #expect(report.integrations.allSatisfy { $0.errors.isEmpty }, "\(report)")
            return report
        }

        /// Jane's items tagged by CalSync, by subject.
        func pushed() -> [String: JSONValue] {
            var items: [String: JSONValue] = [:]
            for item in emulator.items(mailbox: ExchangeEndToEndTests.jane) where "\(item)".contains("calsync|") {
                items[item["subject"]?.stringValue ?? ""] = item
            }
            return items
        }

        func busy(_ from: String, _ to: String) async -> (availability: String?, busy: [[String: Any]]) {
            let reply = await api.send(.get, "/v1/instructors/i-jane/availability?from=\(from)&to=\(to)", token: .reader)
            #expect(reply.status == 200)
            return (reply.json["availability"] as? String, reply.json["busy"] as? [[String: Any]] ?? [])
        }
    }

    @Test func anExchangeIntegrationMatchesPullsPushesAndStops() async throws {
        let w = try World()
        let created = await w.api.send(
            .post, "/v1/integrations",
            json: [
                "name": "Contoso (Exchange)", "type": "exchange", "ewsURL": "http://127.0.0.1:8091/EWS/Exchange.asmx",
                "username": #"CONTOSO\svc-calsync"#, "password": "Calsync-Demo-2026!", "authScheme": "basic",
                "establishments": ["paris"],
            ])
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        // Jane by one of her aliases, in capitals; nobody has the other address.
        for (id, email) in [("i-jane", "JDOE@contoso.example"), ("i-ghost", "nobody@contoso.example")] {
            let put = await w.api.send(
                .put, "/v1/instructors/\(id)", json: ["name": id, "email": email, "establishment": "paris"], token: .scheduler)
            #expect(put.status == 201)
        }
        try await w.cycle()
        let jane = await w.api.send(.get, "/v1/instructors/i-jane", token: .reader)
        #expect(jane.json["matchStatus"] as? String == "matched")
        #expect((jane.json["calendarUser"] as? [String: Any])?["id"] as? String == Self.jane)
        #expect((jane.json["integration"] as? [String: Any])?["type"] as? String == "exchange")
        let ghost = await w.api.send(.get, "/v1/instructors/i-ghost", token: .reader)
        #expect(ghost.json["matchStatus"] as? String == "unmatched")

        // Her dentist appointment today (14:00–15:30 in Paris, out of office) is busy; a day past the window is unknown.
        let today = await w.busy("2026-03-02T12:00:00Z", "2026-03-02T16:00:00Z")
        #expect(today.availability == "known")
        #expect(
            today.busy.contains {
                $0["start"] as? String == "2026-03-02T13:00:00Z" && $0["end"] as? String == "2026-03-02T14:30:00Z"
                    && $0["kind"] as? String == "external" && $0["showAs"] as? String == "oof"
            }, "\(today.busy)")
        #expect(await w.busy("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z").availability == "unknown")

        // A training assigned to her lands in her mailbox, moves with it, and goes when it is cancelled.
        var event: [String: Any] = [
            "title": "Swift 101", "start": "2026-03-10T09:00:00+01:00", "end": "2026-03-10T17:00:00+01:00",
            "timeZone": "Europe/Paris", "instructorIds": ["i-jane"],
        ]
        #expect(await w.api.send(.put, "/v1/events/t-1", json: event, token: .scheduler).status == 201)
        try await w.cycle()
        let first = try #require(w.pushed()["Swift 101"])
        #expect(first["start"]?.stringValue == "2026-03-10T08:00:00Z")
        #expect(first["end"]?.stringValue == "2026-03-10T16:00:00Z")
        let sync = await w.api.send(.get, "/v1/events/t-1", token: .reader).json["sync"] as? [[String: Any]]
        #expect(sync?.first?["state"] as? String == "synced")
        #expect(sync?.first?["externalId"] as? String == first["id"]?.stringValue)

        event["start"] = "2026-03-11T09:00:00+01:00"
        event["end"] = "2026-03-11T12:00:00+01:00"
        #expect(await w.api.send(.put, "/v1/events/t-1", json: event, token: .scheduler).status == 200)
        try await w.cycle()
        let moved = try #require(w.pushed()["Swift 101"])
        #expect(moved["id"] == first["id"])
        #expect(moved["start"]?.stringValue == "2026-03-11T08:00:00Z")
        #expect(moved["end"]?.stringValue == "2026-03-11T11:00:00Z")

        event["status"] = "cancelled"
        #expect(await w.api.send(.put, "/v1/events/t-1", json: event, token: .scheduler).status == 200)
        try await w.cycle()
        #expect(w.pushed().isEmpty)

        // An approved absence likewise, out of office by default ("busy"), gone once cancelled.
        var absence: [String: Any] = [
            "personId": "i-jane", "account": ["name": "Paid leave", "countsAsAbsence": true],
            "start": ["date": "2026-03-16", "half": "am"], "end": ["date": "2026-03-17", "half": "pm"],
            "status": "approved",
        ]
        #expect(await w.api.send(.put, "/v1/absences/a-1", json: absence, token: .scheduler).status == 201)
        try await w.cycle()
        let leave = try #require(w.pushed().values.first)
        #expect(w.pushed().count == 1)
        #expect(leave["start"]?.stringValue?.hasPrefix("2026-03-1") == true)
        absence["status"] = "cancelled"
        #expect(await w.api.send(.put, "/v1/absences/a-1", json: absence, token: .scheduler).status == 200)
        try await w.cycle()
        #expect(w.pushed().isEmpty)

        // Her sync switched off: what she adds in Outlook is not read, and a new training is not pushed.
        let off = await w.api.send(.put, "/v1/instructors/i-jane/sync", json: ["enabled": false])
        #expect(off.status == 200)
        var item = EWSTenantItem(subject: "Added in Outlook", start: "2026-03-04T09:00:00Z", end: "2026-03-04T10:00:00Z")
        item.legacyFreeBusyStatus = "Busy"
        try w.emulator.addItem(mailbox: Self.jane, item)
        event = [
            "title": "Swift 102", "start": "2026-03-12T09:00:00+01:00", "end": "2026-03-12T17:00:00+01:00",
            "timeZone": "Europe/Paris", "instructorIds": ["i-jane"],
        ]
        #expect(await w.api.send(.put, "/v1/events/t-2", json: event, token: .scheduler).status == 201)
        try await w.cycle()
        #expect(w.pushed().isEmpty)
        let later = await w.busy("2026-03-04T08:00:00Z", "2026-03-04T11:00:00Z")
        #expect(!later.busy.contains { $0["start"] as? String == "2026-03-04T09:00:00Z" })
    }
}
