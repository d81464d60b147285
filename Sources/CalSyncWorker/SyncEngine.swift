import CalSyncCore
import CalSyncStore
import Foundation

/// One sync cycle over every active integration: match → pull → push (issue "sync loop").
/// Cycles never overlap: the engine is an actor and `runCycle` refuses to start a second one.
public actor SyncEngine {
    let store: CalSyncStore
    let providers: any CalendarProviderFactory
    let zones: WindowsZones
    let clock: any WallClock
    let logger: Logger
    let pushQueue: PushQueue
    let massDeletionGuard: MassDeletionGuard
    private var cycleRunning = false
    /// Set on shutdown: the cycle in flight finishes the person it is on, then stops.
    private var stopping = false

    public init(store: CalSyncStore, providers: any CalendarProviderFactory, zones: WindowsZones = .bundled,
                clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "sync"),
                massDeletionGuard: MassDeletionGuard = MassDeletionGuard()) {
        self.massDeletionGuard = massDeletionGuard
        self.store = store
        self.providers = providers
        self.zones = zones
        self.clock = clock
        self.logger = logger
        self.pushQueue = PushQueue(drainer: OutboxDrainer(store: store, providers: providers, zones: zones, clock: clock, logger: logger))
    }

    /// The real-time path: carries out pending outbox operations now.
    public func drainOutbox() async { await pushQueue.wake() }

    /// Cancels the pusher's scheduled wake-up (shutdown).
    public func stopPusher() async { await pushQueue.cancelTimer() }

    public var isRunning: Bool { cycleRunning }

    /// Asks the cycle in flight to stop after the person it is on (graceful shutdown), and starts no new one.
    public func requestStop() { stopping = true }

    /// Records a run to be started now, so its id can be handed out before it runs.
    public func announceRun() async throws -> Int64 {
        try await store.recordSyncRun(SyncRunRecord(id: 0, startedAt: clock.now()))
    }

    /// Runs one cycle; returns nil when a cycle is already running (the tick is skipped).
    /// - Parameters:
    ///   - runId: a run already recorded for this cycle (on-demand syncs answer with it), else a new one.
    ///   - integrationId, instructorId: limit the cycle to one integration or one person.
    public func runCycle(runId: Int64? = nil, integrationId: String? = nil, instructorId: String? = nil) async -> CycleReport? {
        guard !cycleRunning, !stopping else { return nil }
        cycleRunning = true
        defer { cycleRunning = false }
        let started = clock.now()
        var reports: [CycleReport.IntegrationReport] = []
        var runId = runId
        if runId == nil { runId = try? await store.recordSyncRun(SyncRunRecord(id: 0, startedAt: started)) }
        do {
            let instructors = try await store.instructors().filter { instructorId == nil || $0.id == instructorId }
            for integration in try await store.integrations()
            where integration.status == .active && (integrationId == nil || integration.id == integrationId) {
                if stopping { break }
                reports.append(await sync(integration, instructors: instructors))
            }
        } catch {
            var failed = CycleReport.IntegrationReport(integrationId: "-", integrationName: "store")
            failed.errors.append("reading the store: \(error)")
            reports.append(failed)
        }
        let report = CycleReport(startedAt: started, finishedAt: clock.now(), integrations: reports)
        if let runId {
            try? await store.updateSyncRun(SyncRunRecord(
                id: runId, startedAt: started, finishedAt: report.finishedAt, instructors: report.instructorCount,
                pulled: report.pulled, pushed: report.pushed, errors: report.errorCount))
        }
        return report
    }

    func sync(_ integration: Integration, instructors all: [Instructor]) async
        -> CycleReport.IntegrationReport
    {
        var report = CycleReport.IntegrationReport(integrationId: integration.id, integrationName: integration.name)
        let provider: any CalendarProvider
        do {
            provider = try providers.provider(for: integration)
        } catch {
            report.errors.append("\(error)")
            return report
        }
        let covered = all.filter { integration.covers(establishment: $0.establishment) }
        let matcher = InstructorMatcher(store: store, zones: zones, clock: clock, logger: logger)
        let matches = await matcher.run(integration: integration, provider: provider, instructors: covered, report: &report)

        let puller = CalendarPuller(store: store, zones: zones, clock: clock, logger: logger, guardrail: massDeletionGuard)
        for instructor in covered where instructor.syncEnabled {
            if stopping { break }
            guard let match = matches[instructor.id], match.status == .matched, let userId = match.calendarUserId else {
                continue
            }
            let outcome: CalendarPuller.Outcome
            do {
                outcome = try await puller.pull(instructor: instructor, match: match, userId: userId,
                                                integration: integration, provider: provider)
            } catch {
                report.errors.append("pulling \(instructor.id): \(error)")
                await recordPullError(error, instructor: instructor, userId: userId, integration: integration)
                continue
            }
            report.pulledInstructors += 1
            report.blocksUpserted += outcome.upserted
            report.blocksRemoved += outcome.removed
            if outcome.fullRound { report.fullRounds += 1 }
            if let held = outcome.held { report.errors.append("pulling \(instructor.id): held — \(held)") }
            do {
                let zone = TimeZone(identifier: match.mailboxTimeZone ?? instructor.timeZone ?? "UTC") ?? TimeZone(identifier: "UTC")!
                let repair = try await DriftRepair(store: store, zones: zones, clock: clock, logger: logger).handle(
                    changed: outcome.ownChanged, removed: outcome.ownRemoved, integration: integration,
                    instructorId: instructor.id, userId: userId, mailboxZone: zone, provider: provider)
                report.driftPutBack += repair.putBack
                report.driftRecreated += repair.recreated
            } catch {
                // The round is already stored, and the next delta round would not repeat what it said about our own
                // events (a deletion to repair would be forgotten): the next pull starts a full round, which lists
                // them all again.
                report.errors.append("repairing \(instructor.id)'s calendar: \(error)")
                await recordPullError(error, instructor: instructor, userId: userId, integration: integration, restartRound: true)
            }
        }

        // The backstop: plan everything of this integration into the outbox, then drain it.
        do {
            let now = clock.now()
            let zones = self.zones
            _ = try await store.write { db in try OutboxPlanner.enqueueAll(in: db, integration: integration, now: now, zones: zones) }
        } catch {
            report.errors.append("planning pushes: \(error)")
        }
        let outcome = await pushQueue.drain()
        report.created += outcome.created
        report.updated += outcome.updated
        report.deleted += outcome.deleted
        report.errors += outcome.errors
        return report
    }

    /// Remembers a failed pull on the person's delta state; nothing is deleted (a failed read never deletes).
    /// - Parameter restartRound: drop the delta link, so the next pull is a full round.
    func recordPullError(_ error: any Error, instructor: Instructor, userId: String, integration: Integration,
                         restartRound: Bool = false) async {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        var state = (try? await store.deltaState(integrationId: integration.id, instructorId: instructor.id))
            ?? DeltaState(integrationId: integration.id, instructorId: instructor.id, calendarUserId: userId,
                          deltaLink: nil, windowStart: window.start, windowEnd: window.end)
        let calendarError = error as? CalendarError
        state.lastErrorAt = now
        state.lastErrorCode = calendarError?.code ?? calendarError?.kind.rawValue ?? "internal"
        state.lastErrorMessage = calendarError?.message ?? "\(error)"
        if restartRound { state.deltaLink = nil }
        try? await store.saveDeltaState(state)
    }
}
