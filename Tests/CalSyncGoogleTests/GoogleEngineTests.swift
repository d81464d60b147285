import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation
import GoogleEmulator
import Testing

/// The sync engine with the Google adapter against the emulator (real time, in process): people matched through
/// the directory, busy time pulled, training sessions pushed exactly once, updated and removed.
@Suite(.serialized) struct GoogleEngineTests {
    typealias H = GoogleAdapterHarness

    /// Hands the Google provider to the engine whatever the integration (the `google` type is not registered yet).
    struct Factory: CalendarProviderFactory {
        let google: GoogleCalendarProvider
        func provider(for integration: Integration) throws -> any CalendarProvider { google }
    }

    final class Setup: Sendable {
        let emulator: GoogleEmulator
        let store: CalSyncStore
        let engine: SyncEngine
        let path: String

        init() async throws {
            emulator = GoogleEmulator(tenant: try GoogleTenant(contentsOf: H.tenantPath))
            let google = try GoogleCalendarProvider(
                key: try GoogleServiceAccountKey(json: Data(contentsOf: H.keyFile)),
                settings: GoogleProviderSettings(adminEmail: H.grace), baseURL: "http://127.0.0.1:8092",
                transport: InProcessTransport(emulator))
            path =
                FileManager.default.temporaryDirectory.appendingPathComponent("calsync-google-\(UUID().uuidString).sqlite")
                .path
            store = try CalSyncStore(path: path)
            engine = SyncEngine(store: store, providers: Factory(google: google), logger: .silent)
            try await store.saveIntegration(
                Integration(
                    id: "fabrikam", name: "Fabrikam", tenantId: "fabrikam.example", clientId: H.clientId,
                    clientSecret: Secret("unused"), createdAt: Date()))
            for (id, email) in [
                ("i-ada", "a.lovelace@fabrikam.example"), ("i-linus", H.linus), ("i-zed", "zed@fabrikam.example"),
            ] {
                _ = try await store.saveInstructor(Instructor(id: id, name: id, email: email))
            }
        }

        deinit {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }

        func cycle() async throws -> CycleReport.IntegrationReport {
            let report = try #require(await engine.runCycle())
            return try #require(report.integrations.first)
        }

        /// CalSync's events in the person's calendar (live ones).
        func pushed(_ user: String) -> [JSONValue] {
            emulator.storedEvents(user: user).filter {
                $0["extendedProperties"]?["private"]?["calsyncTag"] != nil && $0["status"]?.stringValue != "cancelled"
            }
        }

        func writes() -> Int {
            let stats = emulator.stats()
            return stats.routes.filter { ["POST", "PATCH", "PUT", "DELETE"].contains($0.key.route.split(separator: " ").first) }
                .values.reduce(0, +)
        }
    }

    @Test func peopleBusyTimeAndPushesThroughTheEngine() async throws {
        let s = try await Setup()
        let utc = TimeZone(identifier: "UTC")!
        let day = LocalDate(Date(), in: utc).adding(days: 9)
        let session = TrainingEvent(
            id: "t-1", title: "Safety level 2", start: LocalDateTime(date: day, hour: 8, minute: 0).instant(in: utc),
            end: LocalDateTime(date: day, hour: 12, minute: 0).instant(in: utc), timeZone: "Europe/Zurich",
            location: "Room 4", instructorIds: ["i-ada", "i-linus"])
        _ = try await s.store.saveTrainingEvent(session)

        let first = try await s.cycle()
        #expect(Set(first.matched) == ["i-ada", "i-linus"])
        #expect(first.unmatched.map(\.instructorId) == ["i-zed"])
        #expect(first.errors == [])
        #expect(first.created == 2)
        #expect(try await s.store.match(instructorId: "i-ada", integrationId: "fabrikam")?.calendarId == H.ada)

        // Ada's busy time, as Google means it: the customer call is busy, the lunch walk (transparent) and the
        // declined review are not; the conference is whole days in Zurich.
        let blocks = try await s.store.busyBlocks(instructorId: "i-ada")
        let zurich = TimeZone(identifier: "Europe/Zurich")!
        let today = LocalDate(Date(), in: zurich)
        #expect(blocks.contains { $0.start == LocalDateTime(date: today, hour: 14, minute: 0).instant(in: zurich) })
        #expect(!blocks.contains { $0.start == LocalDateTime(date: today, hour: 12, minute: 0).instant(in: zurich) })
        #expect(!blocks.contains { $0.start == LocalDateTime(date: today, hour: 11, minute: 0).instant(in: zurich) })
        #expect(blocks.contains { $0.isAllDay && $0.start == today.adding(days: 3).startOfDay(in: zurich) })
        let ada = try #require(s.pushed(H.ada).first)
        // CalSync's own session is not read back as busy time.
        #expect(!blocks.contains { $0.externalId == ada["id"]?.stringValue })
        #expect(s.pushed(H.ada).count == 1)
        #expect(ada["summary"]?.stringValue == "Safety level 2")
        #expect(ada["extendedProperties"]?["private"]?["calsyncTag"]?.stringValue == "calsync|fabrikam|event|t-1|i-ada")
        #expect(ada["attendees"] == nil)
        #expect(s.pushed(H.linus).count == 1)

        // Exactly once: a second cycle writes nothing.
        let writes = s.writes()
        let second = try await s.cycle()
        #expect(second.pushed == 0)
        #expect(second.errors == [])
        #expect(s.writes() == writes)
        // The second pull read the pushed session back (sync token) and kept it out of the busy time.
        #expect(!(try await s.store.busyBlocks(instructorId: "i-ada")).contains { $0.externalId == ada["id"]?.stringValue })
        #expect(try await s.store.busyBlocks(instructorId: "i-ada").count == blocks.count)

        // An edit patches the same event; unassigning deletes it.
        var edited = session
        edited.title = "Safety level 3"
        edited.instructorIds = ["i-ada"]
        _ = try await s.store.saveTrainingEvent(edited)
        let third = try await s.cycle()
        #expect(third.updated == 1)
        #expect(third.deleted == 1)
        #expect(s.pushed(H.ada).map { $0["id"] } == [ada["id"]])
        #expect(s.pushed(H.ada).first?["summary"]?.stringValue == "Safety level 3")
        #expect(s.pushed(H.linus).isEmpty)
    }
}
