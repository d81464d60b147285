import CalSyncCore
import CalSyncStore
import Foundation

/// One sync cycle over every active integration: match → pull → push (issue "sync loop").
/// Cycles never overlap: the engine is an actor and `runCycle` refuses to start a second one.
public actor SyncEngine {
    let store: CalSyncStore
    let providers: any CalendarProviderFactory
    let clock: any WallClock
    let logger: Logger
    let pushQueue: PushQueue
    let massDeletionGuard: MassDeletionGuard
    /// Which tick of the interval pulls whom (see `PullSpread`).
    public let spread: PullSpread
    /// People pulled at once (their requests are coalesced into `$batch` POSTs when the provider batches).
    let pullConcurrency: Int
    private var cycleRunning = false
    /// Runs waiting for the cycle in flight to end (`runCycleWhenIdle`).
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Set on shutdown: no new cycle starts; the one in flight finishes.
    private var closed = false
    /// Set on a hurried shutdown: the cycle in flight finishes the people it is on, then stops.
    private var hurrying = false
    /// When the operations log and the runs were last pruned (`SyncEngine+History`).
    var historyPrunedAt: Date?

    public init(
        store: CalSyncStore, providers: any CalendarProviderFactory,
        clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "sync"),
        massDeletionGuard: MassDeletionGuard = MassDeletionGuard(), spread: PullSpread = .none,
        pullConcurrency: Int = 1, pushConcurrency: Int = 4
    ) {
        self.massDeletionGuard = massDeletionGuard
        self.spread = spread
        self.pullConcurrency = max(1, pullConcurrency)
        self.store = store
        self.providers = providers
        self.clock = clock
        self.logger = logger
        self.pushQueue = PushQueue(
            drainer: OutboxDrainer(
                store: store, providers: providers, clock: clock,
                logger: logger, calendarConcurrency: max(1, pushConcurrency)))
    }

    /// The real-time path: carries out pending outbox operations now.
    public func drainOutbox() async { await pushQueue.wake() }

    /// Cancels the pusher's scheduled wake-up (shutdown).
    public func stopPusher() async { await pushQueue.cancelTimer() }

    public var isRunning: Bool { cycleRunning }

    /// Graceful shutdown: starts no new cycle; the cycle in flight runs to its end. With `hurry` (a second signal),
    /// the cycle in flight stops after the people it is on instead (nothing is lost either way: every page and
    /// every push is committed as it completes).
    public func requestStop(hurry: Bool = false) {
        closed = true
        if hurry { hurrying = true }
        resumeIdleWaiters()
    }

    /// Records a run to be started now, so its id can be handed out before it runs.
    public func announceRun() async throws -> Int64 {
        try await store.recordSyncRun(SyncRunRecord(id: 0, startedAt: clock.now()))
    }

    /// Runs one cycle; returns nil when a cycle is already running (the tick is skipped).
    /// - Parameters:
    ///   - runId: a run already recorded for this cycle (on-demand syncs answer with it), else a new one.
    ///   - scope: limit the cycle to some integrations or some people.
    ///   - slot: pull only the people of this `spread` slot, and run the push backstop only in slot 0 (once
    ///     per interval); nil pulls everyone and always runs it.
    public func runCycle(runId: Int64? = nil, scope: SyncScope = .everything, slot: Int? = nil) async -> CycleReport? {
        guard !cycleRunning, !closed else { return nil }
        cycleRunning = true
        defer {
            cycleRunning = false
            resumeIdleWaiters()
        }
        let started = clock.now()
        var reports: [CycleReport.IntegrationReport] = []
        var runId = runId
        if runId == nil { runId = try? await store.recordSyncRun(SyncRunRecord(id: 0, startedAt: started)) }
        do {
            let instructors = try await store.instructors().filter { scope.includes(instructorId: $0.id) }
            for integration in try await store.integrations()
            where integration.status == .active && scope.includes(integrationId: integration.id) {
                if hurrying { break }
                reports.append(await sync(integration, instructors: instructors, slot: slot))
            }
        } catch {
            var failed = CycleReport.IntegrationReport(integrationId: "-", integrationName: "store")
            failed.errors.append("reading the store: \(error)")
            reports.append(failed)
        }
        let report = CycleReport(startedAt: started, finishedAt: clock.now(), integrations: reports)
        if let runId {
            try? await store.updateSyncRun(
                SyncRunRecord(
                    id: runId, startedAt: started, finishedAt: report.finishedAt, instructors: report.instructorCount,
                    pulled: report.pulled, pushed: report.pushed, errors: report.errorCount))
        }
        await pruneHistoryIfDue()
        ProcessMemory.releaseFreePages()
        return report
    }

    /// Runs one cycle as soon as the one in flight (if any) has ended, rather than skipping it; nil only when the
    /// engine is stopping.
    public func runCycleWhenIdle(runId: Int64? = nil, scope: SyncScope = .everything, slot: Int? = nil) async
        -> CycleReport?
    {
        while cycleRunning, !closed { await withCheckedContinuation { idleWaiters.append($0) } }
        return await runCycle(runId: runId, scope: scope, slot: slot)
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    func sync(_ integration: Integration, instructors all: [Instructor], slot: Int? = nil) async
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
        let matcher = InstructorMatcher(store: store, clock: clock, logger: logger)
        let matches = await matcher.run(integration: integration, provider: provider, instructors: covered, report: &report)

        var due: [(Instructor, InstructorMatch, String)] = []
        for instructor in covered where instructor.syncEnabled && spread.includes(instructor.id, slot: slot) {
            guard let match = matches[instructor.id], match.status == .matched, let calendarId = match.calendarId else {
                continue
            }
            due.append((instructor, match, calendarId))
        }
        // People are pulled `pullConcurrency` at a time; what they report is merged in one place.
        await withTaskGroup(of: PersonPull.self) { group in
            var next = due.makeIterator()
            func startNext() -> Bool {
                guard !hurrying, let (instructor, match, calendarId) = next.next() else { return false }
                group.addTask {
                    await self.pullPerson(
                        instructor, match: match, calendarId: calendarId, integration: integration, provider: provider)
                }
                return true
            }
            for _ in 0..<pullConcurrency where startNext() {}
            for await person in group {
                person.add(to: &report)
                _ = startNext()
            }
        }
        guard slot == nil || slot == 0 else { return report }

        // The backstop: plan everything of this integration into the outbox, then drain it.
        do {
            let now = clock.now()
            let vocabularies = providers.vocabularies
            _ = try await store.write { db in
                try OutboxPlanner.enqueueAll(in: db, integration: integration, now: now, vocabularies: vocabularies)
            }
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

    /// One person's pull and drift repair (see `CalendarPuller`, `DriftRepair`).
    nonisolated func pullPerson(
        _ instructor: Instructor, match: InstructorMatch, calendarId: CalendarID, integration: Integration,
        provider: any CalendarProvider
    ) async -> PersonPull {
        var person = PersonPull()
        var guardrail = massDeletionGuard
        guardrail.maximumShare = Double(integration.settings.massDeletionPercent) / 100
        let puller = CalendarPuller(store: store, clock: clock, logger: logger, guardrail: guardrail)
        let outcome: CalendarPuller.Outcome
        do {
            outcome = try await puller.pull(
                instructor: instructor, match: match, calendarId: calendarId,
                integration: integration, provider: provider)
        } catch {
            person.errors.append("pulling \(instructor.id): \(error)")
            await recordPullError(error, instructor: instructor, calendarId: calendarId, integration: integration)
            return person
        }
        person.outcome = outcome
        if let held = outcome.held { person.errors.append("pulling \(instructor.id): held — \(held)") }
        guard !outcome.ownChanged.isEmpty || !outcome.ownRemoved.isEmpty else { return person }
        do {
            let zone = TimeZone(identifier: outcome.calendarZone) ?? TimeZone(identifier: "UTC")!
            let repair = try await DriftRepair(store: store, clock: clock, logger: logger).handle(
                changed: outcome.ownChanged, removed: outcome.ownRemoved, integration: integration,
                instructorId: instructor.id, calendarId: calendarId, calendarZone: zone, provider: provider)
            person.driftPutBack = repair.putBack
            person.driftRecreated = repair.recreated
        } catch {
            // The round is already stored, and the next round of changes would not repeat what it said about our own
            // events (a deletion to repair would be forgotten): the next pull starts a full round, which lists
            // them all again.
            person.errors.append("repairing \(instructor.id)'s calendar: \(error)")
            await recordPullError(
                error, instructor: instructor, calendarId: calendarId, integration: integration, restartRound: true)
        }
        return person
    }

    /// Remembers a failed pull on the person's sync state; nothing is deleted (a failed read never deletes).
    /// - Parameter restartRound: drop the cursor, so the next pull is a full round.
    nonisolated func recordPullError(
        _ error: any Error, instructor: Instructor, calendarId: CalendarID, integration: Integration,
        restartRound: Bool = false
    ) async {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        var state =
            (try? await store.syncState(integrationId: integration.id, instructorId: instructor.id))
            ?? SyncState(
                integrationId: integration.id, instructorId: instructor.id, calendarId: calendarId,
                cursor: nil, windowStart: window.start, windowEnd: window.end)
        let calendarError = error as? CalendarError
        state.lastErrorAt = now
        state.lastErrorCode = calendarError?.recordedCode ?? "internal"
        state.lastErrorHTTPStatus = calendarError?.httpStatus
        state.lastErrorMessage = calendarError?.message ?? "\(error)"
        if restartRound { state.cursor = nil }
        try? await store.saveSyncState(state)
    }
}
