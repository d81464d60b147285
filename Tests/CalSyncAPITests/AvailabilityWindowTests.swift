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

@testable import CalSyncAPI

/// Availability beyond the synced window: CalSync reads each calendar over [today − pastDays, today + futureDays];
/// outside the window it last read it does not know whether the person is free, and never says they are.
///
/// The whole path: the Graph emulator in process, the real sync engine pulling from it on a clock the test moves,
/// and the API answering from the store the engine wrote.
@Suite struct AvailabilityWindowTests {
    /// Ana (mailbox in UTC, in paris) and an integration covering paris that syncs `futureDays` ahead.
    final class World: Sendable {
        let clock: ManualClock
        let emulator: GraphEmulator
        let api: APITestHarness
        let engine: SyncEngine

        init(now: String, futureDays: Int = 60) async throws {
            clock = ManualClock(Timestamp.parse(now)!)
            let tenant = EmulatorTenant(
                tenantId: "window-tenant", domain: "contoso.example",
                apps: [
                    .init(
                        clientId: "window-app", clientSecret: "window-secret-value",
                        roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
                ],
                users: [
                    .init(
                        id: "u-ana", displayName: "Ana", mail: "ana@contoso.example", userPrincipalName: "ana@contoso.example",
                        mailboxTimeZone: "UTC")
                ])
            emulator = GraphEmulator(tenant: tenant, zones: .bundled)
            api = try APITestHarness(clock: clock)
            var settings = SyncSettings()
            settings.futureDays = futureDays
            try await api.store.saveIntegration(
                Integration(
                    id: "m365", name: "Contoso", tenantId: "window-tenant", clientId: "window-app",
                    clientSecret: Secret("window-secret-value"), establishments: ["paris"],
                    graphBaseURL: "http://127.0.0.1:9/v1.0", authorityHost: "http://127.0.0.1:9", settings: settings))
            try await api.store.saveInstructor(
                Instructor(id: "i-ana", name: "Ana", email: "ana@contoso.example", establishment: "paris"))
            engine = SyncEngine(
                store: api.store,
                providers: ProviderRegistry.standard(transport: InProcessTransport(emulator), coalescesRequests: false),
                clock: clock, logger: .silent)
        }

        /// One sync cycle at the clock's time; the person must come out of it in step.
        func cycle() async throws {
            let report = try #require(await engine.runCycle())
            #expect(report.integrations.allSatisfy { $0.errors.isEmpty }, "\(report)")
        }

        /// An all-day event Ana made in Outlook on `date`, busy.
        func allDay(_ date: String, _ subject: String = "Off-site") throws {
            let next = LocalDate(date)!.adding(days: 1)
            _ = try emulator.addEvent(
                userId: "u-ana",
                json: """
                    {"subject":"\(subject)","isAllDay":true,"showAs":"busy",
                     "start":{"dateTime":"\(date)T00:00:00","timeZone":"UTC"},"end":{"dateTime":"\(next)T00:00:00","timeZone":"UTC"}}
                    """)
        }

        func availability(_ from: String, _ to: String) async -> [String: Any] {
            let reply = await api.send(.get, "/v1/instructors/i-ana/availability?from=\(from)&to=\(to)", token: .reader)
            #expect(reply.status == 200)
            return reply.json
        }

        func search(_ from: String, _ to: String, minFreeMinutes: Int? = nil) async -> [String: Any] {
            var body: [String: Any] = ["from": from, "to": to, "instructorIds": ["i-ana"]]
            if let minFreeMinutes { body["minFreeMinutes"] = minFreeMinutes }
            let reply = await api.send(.post, "/v1/availability/search", json: body, token: .reader)
            #expect(reply.status == 200)
            return reply.items.first ?? [:]
        }
    }

    static func kinds(_ json: [String: Any]) -> [String] {
        (json["busy"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "")" }
    }

    // MARK: - The issue: an all-day event 100 days ahead with futureDays 60

    @Test func aDayBeyondTheWindowIsUnknownNotFree() async throws {
        let w = try await World(now: "2026-03-02T12:00:00Z")
        try w.allDay("2026-03-12", "Inside")  // 10 days ahead: read
        try w.allDay("2026-06-10", "Beyond")  // 100 days ahead: never read
        try await w.cycle()

        let inside = await w.availability("2026-03-12T00:00:00Z", "2026-03-13T00:00:00Z")
        #expect(inside["syncStatus"] as? String == "ok")
        #expect(inside["availability"] as? String == "known")
        #expect((inside["busy"] as? [[String: Any]])?.first?["allDay"] as? Bool == true)
        #expect((inside["free"] as? [Any])?.isEmpty == true)
        #expect(inside["knownFrom"] as? String == "2026-03-12T00:00:00Z")
        #expect(inside["knownUntil"] as? String == "2026-03-13T00:00:00Z")

        let beyond = await w.availability("2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z")
        #expect(beyond["syncStatus"] as? String == "ok")
        #expect(beyond["availability"] as? String == "unknown")
        #expect(beyond["free"] is NSNull)
        #expect(beyond["knownFrom"] is NSNull)
        #expect(beyond["knownUntil"] is NSNull)

        for minFree in [nil, 30] as [Int?] {
            let item = await w.search("2026-06-10T09:00:00Z", "2026-06-10T12:00:00Z", minFreeMinutes: minFree)
            #expect(item["availability"] as? String == "unknown")
            #expect(item["freeForWholeRange"] as? Bool == false)
            #expect(item["qualifies"] as? Bool == false, "minFreeMinutes \(minFree.map(String.init) ?? "null")")
            #expect(item["knownFrom"] is NSNull && item["knownUntil"] is NSNull)
        }
        let inStep = await w.search("2026-03-13T09:00:00Z", "2026-03-13T12:00:00Z")
        #expect(inStep["qualifies"] as? Bool == true && inStep["freeForWholeRange"] as? Bool == true)
    }

    // MARK: - A range that straddles the window's end

    @Test func aStraddlingRangeSaysWhichPartIsKnown() async throws {
        // Window at 2026-03-02 with pastDays 1, futureDays 60: [2026-03-01, 2026-05-02).
        let w = try await World(now: "2026-03-02T12:00:00Z")
        try w.allDay("2026-04-30")
        try await w.cycle()
        // CalSync's own busy time beyond the window: a training event and an absence on 2026-05-02.
        try await w.api.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-late", title: "Late", start: Timestamp.parse("2026-05-02T13:00:00Z")!,
                end: Timestamp.parse("2026-05-02T15:00:00Z")!, instructorIds: ["i-ana"]))
        try await w.api.store.saveAbsence(
            Absence(
                id: "a-late", personId: "i-ana", account: .init(name: "Leave"),
                start: .init(date: LocalDate("2026-05-02")!, half: .am), end: .init(date: LocalDate("2026-05-02")!, half: .am),
                status: .approved))

        let json = await w.availability("2026-04-30T00:00:00Z", "2026-05-03T00:00:00Z")
        #expect(json["syncStatus"] as? String == "ok")
        #expect(json["availability"] as? String == "unknown")
        #expect(json["knownFrom"] as? String == "2026-04-30T00:00:00Z")
        #expect(json["knownUntil"] as? String == "2026-05-02T00:00:00Z")
        // Free time only inside the known part: 2026-05-01, all of it.
        let free = json["free"] as? [[String: Any]] ?? []
        #expect(free.map { "\($0["start"] ?? "")/\($0["end"] ?? "")" } == ["2026-05-01T00:00:00Z/2026-05-02T00:00:00Z"])
        // Busy time everywhere: the Outlook event read, and CalSync's own training and absence beyond the window.
        #expect(Self.kinds(json) == ["external", "absence", "training"])

        let whole = await w.search("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z")
        #expect(whole["availability"] as? String == "unknown")
        #expect(whole["freeForWholeRange"] as? Bool == false)
        #expect(whole["qualifies"] as? Bool == false)
        #expect(whole["knownFrom"] as? String == "2026-05-01T09:00:00Z")
        #expect(whole["knownUntil"] as? String == "2026-05-02T00:00:00Z")
        // A free stretch inside the known part is known to be free.
        let stretch = await w.search("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z", minFreeMinutes: 15 * 60)
        #expect(stretch["qualifies"] as? Bool == true)
        let tooLong = await w.search("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z", minFreeMinutes: 15 * 60 + 1)
        #expect(tooLong["qualifies"] as? Bool == false)
    }

    @Test func trainingAndAbsencesBeyondTheWindowAreStillBusy() async throws {
        let w = try await World(now: "2026-03-02T12:00:00Z")
        try await w.cycle()
        try await w.api.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-far", title: "Far", start: Timestamp.parse("2026-06-10T09:00:00Z")!,
                end: Timestamp.parse("2026-06-10T12:00:00Z")!, instructorIds: ["i-ana"]))
        try await w.api.store.saveAbsence(
            Absence(
                id: "a-far", personId: "i-ana", account: .init(name: "Leave"),
                start: .init(date: LocalDate("2026-06-11")!, half: .am), end: .init(date: LocalDate("2026-06-11")!, half: .pm),
                status: .pending))
        let json = await w.availability("2026-06-10T00:00:00Z", "2026-06-12T00:00:00Z")
        #expect(json["availability"] as? String == "unknown")
        #expect(json["free"] is NSNull)
        let busy = json["busy"] as? [[String: Any]] ?? []
        #expect(
            busy.map { "\($0["kind"] ?? "")/\($0["ref"] ?? "")/\($0["showAs"] ?? "")" } == [
                "training/t-far/busy", "absence/a-far/tentative",
            ])
        // A training in the unknown part does not make a slot of it searchable either way.
        let item = await w.search("2026-06-10T09:00:00Z", "2026-06-10T10:00:00Z")
        #expect(item["qualifies"] as? Bool == false)
        #expect(Self.kinds(item) == ["training"])
    }

    // MARK: - The daily roll

    @Test func theDayThatJustEnteredTheWindowIsUnknownUntilItIsPulled() async throws {
        // At 2026-03-02 the window is [2026-03-01, 2026-05-02); at 2026-03-03 it is [2026-03-02, 2026-05-03).
        let w = try await World(now: "2026-03-02T23:58:00Z")
        try w.allDay("2026-05-02", "Entering")
        try await w.cycle()
        w.clock.set(Timestamp.parse("2026-03-03T00:01:00Z")!)  // rolled; no pull yet (still in step: 3 minutes)

        let entered = await w.availability("2026-05-02T00:00:00Z", "2026-05-03T00:00:00Z")
        #expect(entered["syncStatus"] as? String == "ok")
        #expect(entered["availability"] as? String == "unknown")
        #expect(entered["free"] is NSNull)
        #expect((entered["busy"] as? [Any])?.isEmpty == true)  // not read yet: not free either
        let before = await w.availability("2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z")
        #expect(before["availability"] as? String == "known")
        let left = await w.availability("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")  // left the window (pastDays 1)
        #expect(left["availability"] as? String == "unknown")

        try await w.cycle()
        let pulled = await w.availability("2026-05-02T00:00:00Z", "2026-05-03T00:00:00Z")
        #expect(pulled["availability"] as? String == "known")
        #expect((pulled["free"] as? [Any])?.isEmpty == true)
        #expect(Self.kinds(pulled) == ["external"])
    }

    // MARK: - Settings

    @Test func aShrunkWindowIsKnownOnlyAsFarAsTheSettingsNowAsk() async throws {
        let w = try await World(now: "2026-03-02T12:00:00Z", futureDays: 180)
        try await w.cycle()
        #expect(await w.availability("2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z")["availability"] as? String == "known")
        var integration = try #require(try await w.api.store.integration(id: "m365"))
        integration.settings.futureDays = 60
        try await w.api.store.saveIntegration(integration)
        let json = await w.availability("2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z")
        #expect(json["availability"] as? String == "unknown")
        #expect(json["free"] is NSNull)
    }
}
