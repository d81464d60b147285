import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation

/// Availability under load: `--instructors` people, each with a year of busy blocks (up to four
/// meetings a weekday), all synced; wrk asks for random people's one-week availability, then
/// `/healthz` in the same run for comparison.
struct AvailabilityBenchmark {
    let instructors: Int
    let seconds: Int

    struct Result {
        let blocks: Int
        let seedSeconds: Double
        let availability: WrkRunner.Figures
        let health: WrkRunner.Figures

        var report: String {
            """
            Availability (one-week window, \(availability.label)) over a store of \(blocks) busy blocks (seeded in \(String(format: "%.1f", seedSeconds)) s):
              /v1/instructors/{id}/availability  \(availability.line)
              /healthz                           \(health.line)
              targets: ≥ 15,000 req/s and p99 ≤ 10 ms on 2 cores (wrk shares the cores with the server)

            """
        }
    }

    /// The seeded store behind a running API server, for wrk here or for a profiler (`availability-server`).
    struct Served {
        let server: HTTPServer
        let port: Int
        let token: String
        let blocks: Int
        let seedSeconds: Double
        let path: String

        /// The wrk script asking for random people's one-week availability.
        func script(instructors: Int) -> String {
            let week = LocalDate(Date(), in: TimeZone(identifier: "UTC")!).adding(days: 90)
            return """
                math.randomseed(42)
                request = function()
                  local i = math.random(0, \(instructors - 1))
                  local path = string.format("/v1/instructors/i-%04d/availability?from=\(week)T00:00:00Z&to=\(week.adding(days: 7))T00:00:00Z", i)
                  return wrk.format("GET", path, { ["Authorization"] = "Bearer \(token)" })
                end
                """
        }

        func stop() async {
            await server.shutdown(timeout: 1)
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        }
    }

    func run() async throws -> Result {
        let served = try await serve(port: 0)
        let wrk = WrkRunner(seconds: seconds)
        let base = "http://127.0.0.1:\(served.port)"
        // A warm-up (the reader lanes fill their memo of people, as in a server that has been up a while),
        // then the two measured runs back to back.
        _ = try await wrk.run(url: base + "/", script: served.script(instructors: instructors), seconds: 3)
        let availability = try await wrk.run(url: base + "/", script: served.script(instructors: instructors), seconds: seconds)
        let health = try await wrk.run(url: base + "/healthz", script: nil, seconds: seconds)
        await served.stop()
        return Result(blocks: served.blocks, seedSeconds: served.seedSeconds, availability: availability, health: health)
    }

    /// Seeds a store and serves the API on 127.0.0.1 (`port` 0: any free one).
    func serve(port: Int) async throws -> Served {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-avail-\(UUID().uuidString).sqlite").path
        let store = try CalSyncStore(path: path)
        let seedStart = Date()
        let blocks = try await seed(store)
        let seedSeconds = Date().timeIntervalSince(seedStart)

        let token = "bench-reader-token-" + UUID().uuidString
        let metrics = MetricsRegistry()
        let providers = ProviderRegistry.standard(transport: CurlTransport(), coalescesRequests: false)
        let engine = SyncEngine(store: store, providers: providers, logger: .silent)
        let controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
        let api = CalSyncAPI.server(
            APIContext(store: store, sync: controller, metrics: metrics, vocabularies: providers.vocabularies),
            authenticator: Authenticator(tokens: [.init(Secret(token), role: .reader)]), logger: .silent)
        var configuration = PushLatencyBenchmark.loopback()
        configuration.port = port
        let server = HTTPServer(configuration: configuration, responder: api)
        let bound = try server.start()
        return Served(server: server, port: bound, token: token, blocks: blocks, seedSeconds: seedSeconds, path: path)
    }

    /// One integration, everyone matched and freshly synced, a year of weekday meetings each.
    func seed(_ store: CalSyncStore) async throws -> Int {
        let now = Date()
        let integration = Integration(
            id: "bench", name: "Bench", tenantId: BenchWorld.tenantId, clientId: BenchWorld.clientId,
            clientSecret: Secret(BenchWorld.secret), createdAt: now)
        try await store.saveIntegration(integration)
        // The window a pull would have read today: the benchmarked week (90 days ahead) lies inside it, so it is known.
        let window = SyncWindow.window(at: now, settings: integration.settings)
        let utc = TimeZone(identifier: "UTC")!
        let first = LocalDate(now, in: utc).adding(days: -30)
        var total = 0
        for i in 0..<instructors {
            let id = BenchWorld.instructorId(i)
            try await store.saveInstructor(Instructor(id: id, name: "Person \(i)", email: BenchWorld.email(i)))
            try await store.saveMatch(
                InstructorMatch(
                    instructorId: id, integrationId: "bench", status: .matched,
                    calendarId: BenchWorld.userId(i), calendarAddress: BenchWorld.email(i),
                    calendarTimeZone: "UTC", matchedAt: now, matchedEmail: BenchWorld.email(i)))
            try await store.saveSyncState(
                SyncState(
                    integrationId: "bench", instructorId: id, calendarId: BenchWorld.userId(i),
                    cursor: SyncCursor("seeded"), windowStart: window.start, windowEnd: window.end,
                    lastSuccessAt: now))
            var blocks: [BusyBlock] = []
            for d in 0..<365 {
                let day = first.adding(days: d)
                guard day.isoWeekday <= 5 else { continue }
                for (slot, (hour, minutes)) in [(9, 60), (11, 30), (14, 90), (16, 45)].enumerated()
                where (i * 31 + d * 7 + slot * 13) % 5 < 4 {
                    let start = LocalDateTime(date: day, hour: hour, minute: 0).instant(in: utc)
                    blocks.append(
                        BusyBlock(
                            integrationId: "bench", instructorId: id, externalId: "e-\(i)-\(d)-\(slot)", start: start,
                            end: start.addingTimeInterval(Double(minutes) * 60), showAs: .busy, isAllDay: false))
                }
            }
            try await store.applyBusyChanges(integrationId: "bench", instructorId: id, upserts: blocks, removals: [])
            total += blocks.count
        }
        return total
    }
}
