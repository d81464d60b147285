import CalSyncCore
import CalSyncExchange
import CalSyncStore
import CalSyncWorker
import EWSEmulator
import Foundation
import Testing

/// Hands one Exchange provider, made by the test (in process, on its clock), to the engine; the integration's own
/// connection is not read. (The registry's `ExchangeProviderMaker` is tested through the API in CalSyncAPITests.)
struct ExchangeOnlyFactory: CalendarProviderFactory {
    let provider: ExchangeCalendarProvider

    func provider(for integration: Integration) throws -> any CalendarProvider { provider }

    var vocabularies: ProviderVocabularies { ProviderVocabularies([ExchangeVocabulary()]) }
}

/// The sync engine's whole cycle on an Exchange calendar: the person matched through ResolveNames, the calendar read
/// into busy blocks, a training pushed, and an idle cycle that costs one SyncFolderItems per person.
@Suite struct EngineCycleTests {
    @Test func aCycleMatchesPullsAndPushesThenIdles() async throws {
        let h = try ExchangeHarness()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-ews-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try CalSyncStore(path: path)
        try await store.saveIntegration(
            Integration(
                id: "contoso", name: "Contoso (Exchange)",
                connection: .microsoft365(Microsoft365Connection(tenantId: "-", clientId: "-", clientSecret: Secret("-"))),
                createdAt: h.clock.now()))
        _ = try await store.saveInstructor(Instructor(id: "i-jane", name: "Jane Doe", email: "JDOE@contoso.example"))
        _ = try await store.saveInstructor(Instructor(id: "i-ghost", name: "Nobody", email: "nobody@contoso.example"))
        _ = try await store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift 101", start: Timestamp.parse("2026-03-10T08:00:00Z")!,
                end: Timestamp.parse("2026-03-10T16:00:00Z")!, timeZone: "Europe/Paris", instructorIds: ["i-jane"]))
        let engine = SyncEngine(
            store: store, providers: ExchangeOnlyFactory(provider: h.provider), clock: h.clock, logger: .silent)

        let first = try #require(await engine.runCycle())
        let report = try #require(first.integrations.first)
        #expect(report.errors == [])
        #expect(report.matched == ["i-jane"])
        #expect(report.unmatched.map(\.instructorId) == ["i-ghost"])
        #expect(report.created == 1)

        // The training landed in Jane's calendar, tagged, as a plain appointment.
        let pushed = try #require(h.stored()["Swift 101"])
        #expect(PushTests.tagValue(pushed)?.hasPrefix("calsync|contoso|") == true)
        #expect(pushed["start"]?.stringValue == "2026-03-10T08:00:00Z")
        #expect(pushed["startTimeZone"]?.stringValue == "Romance Standard Time")

        // Her own busy time became blocks; free, declined and cancelled items did not.
        let blocks = try await store.busyBlocks(instructorId: "i-jane")
        let dentist = Timestamp.parse("2026-03-02T13:00:00Z")!
        #expect(blocks.contains { $0.start == dentist && $0.showAs == .oof })
        #expect(!blocks.contains { $0.start == Timestamp.parse("2026-03-03T10:00:00Z")! })  // declined
        #expect(!blocks.contains { $0.start == Timestamp.parse("2026-03-03T14:00:00Z")! })  // cancelled

        // CalSync's own push is no change to relist for: the next cycle is idle, one request.
        var before = h.stats?.requests ?? 0
        let idle = try #require(await engine.runCycle())
        #expect(idle.integrations.first?.errors == [])
        #expect(idle.integrations.first?.pushed == 0)
        #expect((h.stats?.requests ?? 0) - before == 1)

        // Jane adds an item in Outlook: the window is listed again, her item becomes a block, CalSync's own does not.
        var item = EWSTenantItem(subject: "Moved in by Jane", start: "2026-03-11T10:00:00Z", end: "2026-03-11T11:00:00Z")
        item.legacyFreeBusyStatus = "Busy"
        try h.emulator.addItem(mailbox: ExchangeHarness.jane, item)
        let relisted = try #require(await engine.runCycle())
        #expect(relisted.integrations.first?.fullRounds == 1)
        let training = TimeRange(
            start: Timestamp.parse("2026-03-10T08:00:00Z")!, end: Timestamp.parse("2026-03-10T16:00:00Z")!)
        let listed = try await store.busyBlocks(instructorId: "i-jane")
        #expect(!listed.contains { $0.range == training })
        #expect(listed.contains { $0.start == Timestamp.parse("2026-03-11T10:00:00Z")! })
        #expect(listed.contains { $0.start == dentist })
        before = h.stats?.requests ?? 0
        _ = try #require(await engine.runCycle())
        #expect((h.stats?.requests ?? 0) - before == 1)
    }
}
