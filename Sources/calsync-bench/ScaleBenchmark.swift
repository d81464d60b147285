import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation

/// The scale benchmark (issue 6): N instructors with realistic calendars in an emulator process of its
/// own, L ms per Graph request; first the naive baseline, then CalSync (delta + `$batch`, spread over
/// 10 slots, pulls and pushes concurrent), each measured over whole cycles. A CalSync cycle is all 10
/// slot ticks run back to back: a whole interval's worth of work without the waits between ticks.
struct ScaleBenchmark {
    let instructors: Int
    let latencyMs: Int
    /// Concurrent HTTP connections, CalSync and baseline alike (the global bound).
    static let connections = 32
    static let slots = 10
    static let cycles = 10

    func run(progress: (String) -> Void) async throws -> ScaleReport {
        var report = ScaleReport()
        report.instructors = instructors
        report.latencyMs = latencyMs
        progress("starting the emulator with \(instructors) people…")
        let emulator = try ScaleEmulatorProcess(instructors: instructors, latencyMs: latencyMs)
        defer { emulator.stop() }
        report.emulatorSeedSeconds = emulator.seedSeconds
        report.emulatorCapacityPerSecond = emulator.capacityPerSecond
        let integration = Integration(
            id: "bench", name: "Bench", tenantId: BenchWorld.tenantId, clientId: BenchWorld.clientId,
            clientSecret: Secret(BenchWorld.secret), graphBaseURL: emulator.baseURL,
            authorityHost: "http://127.0.0.1:\(emulator.port)", createdAt: Date())

        progress("naive baseline…")
        report.baseline = try await baseline(integration, emulator: emulator)

        progress("CalSync: loading \(instructors) instructors and training events…")
        report.calsync = try await calsync(integration, emulator: emulator, report: &report, progress: progress)
        report.emulatorRssMegabytes = ProcessMeter.rssMegabytes(pid: emulator.pid)
        report.emulatorCpuSeconds = ProcessMeter.cpuSeconds(pid: emulator.pid)
        return report
    }

    // MARK: - Baseline

    func baseline(_ integration: Integration, emulator: ScaleEmulatorProcess) async throws -> ScaleFigures {
        let metrics = MetricsRegistry()
        let transport = MeteredTransport(CurlTransport(maxConnections: Self.connections), metrics: metrics, name: "naive")
        try await emulator.resetThrottling()
        let tokenClient = try GraphClient(integration: integration, transport: transport, zones: .bundled)
        let token = try await tokenClient.tokenProvider.token().value.revealed
        let naive = NaiveBaseline(
            transport: transport, baseURL: emulator.baseURL, token: token, people: instructors,
            window: SyncWindow.window(at: Date(), settings: integration.settings), concurrency: Self.connections)
        var figures = ScaleFigures()
        let idle = try await measure { _ = try await naive.cycle() }
        figures.idleCycleSeconds = idle.seconds
        figures.cpuSecondsPerCycle = idle.cpu
        figures.roundTripsPerInstructorIdle = metrics.counterTotal("naive_requests_total") / Double(instructors)
        try await changeTenPercent(emulator: emulator, store: nil, round: 1)
        figures.busyCycleSeconds = try await measure { _ = try await naive.cycle() }.seconds
        figures.rssMegabytes = ProcessMeter.rssMegabytes()
        figures.maxInFlightPerMailbox = try await emulator.throttling().maxInFlightPerMailbox
        return figures
    }

    // MARK: - CalSync

    func calsync(
        _ integration: Integration, emulator: ScaleEmulatorProcess, report: inout ScaleReport,
        progress: (String) -> Void
    ) async throws -> ScaleFigures {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CalSyncStore(path: folder.appendingPathComponent("bench.sqlite").path)
        try await store.saveIntegration(integration)
        let count = instructors
        let today = Self.today
        try await store.write { db in
            for i in 0..<count {
                _ = try db.saveInstructor(
                    Instructor(id: BenchWorld.instructorId(i), name: "Person \(i)", email: BenchWorld.email(i)))
                _ = try db.saveTrainingEvent(Self.trainingEvent(i, today: today, round: 0))
            }
        }
        let metrics = MetricsRegistry()
        let curl = CurlTransport(maxConnections: Self.connections)
        let transport = MeteredTransport(curl, metrics: metrics, name: "calsync")
        let engine = SyncEngine(
            store: store, providers: ProviderRegistry.standard(transport: transport), logger: .silent,
            spread: PullSpread(slots: Self.slots), pullConcurrency: 400, pushConcurrency: 200)
        try await emulator.resetThrottling()

        var cycles = 0
        func cycle() async throws -> (seconds: Double, cpu: Double, roundTrips: Double, pushed: Int) {
            let before = metrics.counterTotal("calsync_requests_total")
            var errors: [String] = []
            var pushed = 0
            let measured = try await measure {
                for slot in 0..<Self.slots {
                    guard let cycleReport = await engine.runCycle(slot: slot) else { throw BenchError("a cycle was skipped") }
                    errors += cycleReport.integrations.flatMap(\.errors)
                    pushed += cycleReport.pushed
                }
            }
            cycles += 1
            guard errors.isEmpty else {
                throw BenchError(
                    "cycle \(cycles) reported \(errors.count) errors, e.g. \(errors.prefix(3).joined(separator: "; "))")
            }
            return (measured.seconds, measured.cpu, metrics.counterTotal("calsync_requests_total") - before, pushed)
        }

        progress("CalSync: first cycles (matching, mailbox settings, initial rounds, \(count) creates)…")
        let warmUp = Date()
        _ = try await cycle()
        _ = try await cycle()  // reads back the events the first cycle created
        report.warmUpSeconds = Date().timeIntervalSince(warmUp)

        progress("CalSync: idle cycle…")
        var figures = ScaleFigures()
        let idle = try await cycle()
        figures.idleCycleSeconds = idle.seconds
        figures.cpuSecondsPerCycle = idle.cpu
        figures.roundTripsPerInstructorIdle = idle.roundTrips / Double(count)
        report.idlePushes = idle.pushed

        progress("CalSync: 10 % of the people changed (a meeting added in Outlook, a training event moved)…")
        try await changeTenPercent(emulator: emulator, store: store, round: 2)
        let busy = try await cycle()
        figures.busyCycleSeconds = busy.seconds
        report.busyCpuSeconds = busy.cpu
        report.busyRoundTripsPerInstructor = busy.roundTrips / Double(count)

        while cycles < Self.cycles {
            progress("CalSync: cycle \(cycles + 1) of \(Self.cycles)…")
            _ = try await cycle()
        }
        figures.rssMegabytes = ProcessMeter.rssMegabytes()
        let throttling = try await emulator.throttling()
        figures.maxInFlightPerMailbox = throttling.maxInFlightPerMailbox
        report.earlyRequests = throttling.earlyRequests
        report.mailboxConcurrency429 = throttling.throttled
        report.connectionsOpened = curl.stats.connectionsOpened
        report.requestsSent = curl.stats.requestsSent
        return figures
    }

    // MARK: - Changes

    /// Every tenth person (offset by `round`) gets a new meeting in Outlook; with a store, their training
    /// event also moves an hour (an update to push).
    func changeTenPercent(emulator: ScaleEmulatorProcess, store: CalSyncStore?, round: Int) async throws {
        let people = stride(from: round % 10, to: instructors, by: 10).map { $0 }
        let today = Self.today
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = people.makeIterator()
            func startNext() {
                guard let i = next.next() else { return }
                group.addTask {
                    try await emulator.addEvent(
                        userId: BenchWorld.userId(i), ScaleTenant.change(person: i, round: round, today: today))
                }
            }
            for _ in 0..<16 { startNext() }
            while try await group.next() != nil { startNext() }
        }
        guard let store else { return }
        let now = Date()
        try await store.write { db in
            for i in people {
                _ = try db.saveTrainingEvent(Self.trainingEvent(i, today: today, round: round))
                try OutboxPlanner.enqueue(
                    in: db, itemKind: .event, itemId: "t-\(i)", now: now, vocabularies: ProviderRegistry.standardVocabularies)
            }
        }
    }

    static func trainingEvent(_ i: Int, today: Date, round: Int) -> TrainingEvent {
        let start = today.addingTimeInterval(Double((i % 50 + 3) * 86_400 + (9 + round) * 3_600))
        return TrainingEvent(
            id: "t-\(i)", title: "Session \(i)", start: start, end: start.addingTimeInterval(3_600),
            instructorIds: [BenchWorld.instructorId(i)])
    }

    static var today: Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400) }

    /// Wall time and this process's CPU time of `body`.
    func measure(_ body: () async throws -> Void) async throws -> (seconds: Double, cpu: Double) {
        let cpu = ProcessMeter.cpuSeconds()
        let started = DispatchTime.now().uptimeNanoseconds
        try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, ProcessMeter.cpuSeconds() - cpu)
    }
}
