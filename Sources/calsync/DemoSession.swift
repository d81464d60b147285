import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation
import Synchronization

/// One run of the demo: wires the emulator, store and loop, and plays the story between cycles.
final class DemoSession: Sendable {
    let database: String
    let interval: Int
    let cycles: Int?
    /// Log lines (the sync loop's, the API's access log) on stderr; without it the terminal shows the story only.
    let verbose: Bool
    private let finished = Mutex(0)
    /// The API's address once it listens, for the words after the story.
    private let apiBase = Mutex("")

    /// The emulated calendar system (`providers`): `microsoft365` (the default), `exchange` or `google`.
    let provider: String

    init(database: String, interval: Int, cycles: Int?, verbose: Bool = false, provider: String = "microsoft365") {
        self.provider = provider
        self.database = database
        self.interval = interval
        self.cycles = cycles
        self.verbose = verbose
    }

    func run() async throws -> Int32 {
        let utc = TimeZone(identifier: "UTC")!
        let demo = DemoTenant(today: LocalDate(Date(), in: utc))
        let world = try Self.world(provider, demo)
        let server = world.server

        let key = try DemoCommand.credentialKey(ProcessInfo.processInfo.environment)
        let store = try Runtime.openStore(database, sealer: key.sealer)
        try await store.saveIntegration(world.integration)
        for instructor in demo.instructors { try await store.saveInstructor(instructor) }
        for event in demo.trainingEvents { try await store.saveTrainingEvent(event) }
        for absence in demo.absences { try await store.saveAbsence(absence) }

        Output.line("CalSync demo")
        Output.line(world.emulatorLine)
        Output.line("  database:       \(database)")
        Output.line("  credentials:    \(key.description)")
        Output.line("  instructors:    \(demo.instructors.map { "\($0.id) <\($0.email)>" }.joined(separator: ", "))")
        Output.line(
            "  training:       \(demo.trainingEvents.map { "\($0.id) → \($0.instructorIds.joined(separator: "+"))" }.joined(separator: ", "))"
        )
        Output.line(
            "  absences:       \(demo.absences.map { "\($0.id) → \($0.personId) \($0.start.date) \($0.start.half.rawValue)…\($0.end.date) \($0.end.half.rawValue) (\($0.status.rawValue))" }.joined(separator: ", "))"
        )
        Output.line("  log lines:      \(verbose ? "on stderr (--verbose)" : "hidden (--verbose shows them on stderr)")")
        Output.line("  a cycle every \(interval) s; Ctrl-C stops.\n")

        // The demo prints summaries instead of log lines, unless --verbose.
        let logger = verbose ? Logger(label: "demo") : Logger(label: "demo", sink: { _ in })
        let metrics = MetricsRegistry()
        let transport = MeteredTransport(CurlTransport(maxConnections: 8), metrics: metrics)
        let providers = ProviderRegistry.standard(transport: transport)
        let engine = SyncEngine(store: store, providers: providers, logger: logger)
        let runtime = Runtime(store: store, engine: engine, metrics: metrics, logger: logger, providers: providers)
        let tokens = DemoTokens()
        let story = DemoStory(calendars: world.calendars, store: store)
        // Ends the demo: the cycle limit or a signal, whichever comes first.
        let (stop, stopNow) = AsyncStream<Void>.makeStream()
        let onReport: @Sendable (CycleReport) -> Void = { [self] report in
            let number = finished.withLock { n -> Int in
                n += 1
                return n
            }
            Task {
                let last = self.cycles.map { number >= $0 } ?? false
                // After the story, a cycle that changed nothing is not printed: the words below stay in sight.
                if number <= DemoStory.cyclesForTheWholeStory || Self.changedSomething(report) {
                    Output.line("── cycle \(number) ──")
                    Output.line(CycleSummary.text(report))
                    Output.line(await story.blocksSummary())
                }
                if number == DemoStory.cyclesForTheWholeStory {
                    Output.line("\n── the story is complete ──")
                    if !last { Output.line(self.stillRunning()) }
                }
                if last {
                    stopNow.yield()
                    return
                }
                if let step = await story.step(after: number) { Output.line("\n→ demo: \(step)\n") }
            }
        }
        let (controller, api, apiPort) = try startAPI(runtime, tokens: tokens, onReport: onReport)
        apiBase.withLock { $0 = "http://127.0.0.1:\(apiPort)" }
        Output.line(tokens.curlExamples(base: "http://127.0.0.1:\(apiPort)"))
        Task {
            _ = await SignalWaiter.wait()
            stopNow.yield()
        }
        for await _ in stop { break }
        await controller.stop()
        await api.shutdown(timeout: 2)
        await server.shutdown(timeout: 2)
        Output.line("demo stopped after \(CycleSummary.count(finished.withLock { $0 }, "cycle"))")
        return 0
    }

    /// What stays up after the story.
    func stillRunning() -> String {
        let base = apiBase.withLock { $0 }
        return """
            CalSync keeps running: the sync loop (a cycle every \(interval) s), the API at \(base) and the admin pages at
            \(base)/admin stay up, so you can try the commands printed above (their tokens live as long as this demo).
            From now on a cycle is printed only when it changed something. Ctrl-C stops the demo.
            """
    }

    /// True when the cycle wrote or removed something, in the store or in a calendar, or failed somewhere.
    static func changedSomething(_ report: CycleReport) -> Bool {
        report.integrations.contains { r in
            r.blocksUpserted + r.blocksRemoved + r.created + r.updated + r.deleted + r.driftPutBack + r.driftRecreated > 0
                || !r.errors.isEmpty
        }
    }

    /// The API on CALSYNC_LISTEN or 127.0.0.1:8080; a free port when that one is taken.
    func startAPI(_ runtime: Runtime, tokens: DemoTokens, onReport: @escaping @Sendable (CycleReport) -> Void) throws
        -> (SyncController, HTTPServer, Int)
    {
        let listen = ProcessInfo.processInfo.environment["CALSYNC_LISTEN"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1:8080"
        // Without --verbose only an error (a request that failed on our side) reaches the terminal.
        let accessLog = Logger(label: "http", minimumLevel: verbose ? .debug : .error)
        do {
            return try runtime.startService(
                interval: interval, listen: listen, tokens: tokens.all, accessLog: accessLog, onReport: onReport)
        } catch let error as HTTPServerError where error.kind == .addressInUse {
            Output.line("  (\(listen) is taken; the API uses a free port instead)")
            return try runtime.startService(
                interval: interval, listen: "127.0.0.1:0", tokens: tokens.all, accessLog: accessLog, onReport: onReport)
        }
    }
}
