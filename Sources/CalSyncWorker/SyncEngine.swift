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
    private var cycleRunning = false

    public init(store: CalSyncStore, providers: any CalendarProviderFactory, zones: WindowsZones = .bundled,
                clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "sync")) {
        self.store = store
        self.providers = providers
        self.zones = zones
        self.clock = clock
        self.logger = logger
    }

    public var isRunning: Bool { cycleRunning }

    /// Runs one cycle; returns nil when a cycle is already running (the tick is skipped).
    public func runCycle() async -> CycleReport? {
        guard !cycleRunning else { return nil }
        cycleRunning = true
        defer { cycleRunning = false }
        let started = clock.now()
        var reports: [CycleReport.IntegrationReport] = []
        let runId = try? await store.recordSyncRun(SyncRunRecord(id: 0, startedAt: started, finishedAt: nil,
                                                                 instructors: 0, pulled: 0, pushed: 0, errors: 0))
        do {
            let instructors = try await store.instructors()
            let events = try await store.trainingEvents()
            for integration in try await store.integrations() where integration.status == .active {
                reports.append(await sync(integration, instructors: instructors, events: events))
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

    func sync(_ integration: Integration, instructors all: [Instructor], events: [TrainingEvent]) async
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

        let puller = CalendarPuller(store: store, zones: zones, clock: clock, logger: logger)
        for instructor in covered where instructor.syncEnabled {
            guard let match = matches[instructor.id], match.status == .matched, let userId = match.calendarUserId else {
                continue
            }
            do {
                let outcome = try await puller.pull(instructor: instructor, match: match, userId: userId,
                                                    integration: integration, provider: provider)
                report.pulledInstructors += 1
                report.blocksUpserted += outcome.upserted
                report.blocksRemoved += outcome.removed
                if outcome.fullRound { report.fullRounds += 1 }
            } catch {
                report.errors.append("pulling \(instructor.id): \(error)")
                await recordPullError(error, instructor: instructor, userId: userId, integration: integration)
            }
        }

        let pusher = EventPusher(store: store, zones: zones, clock: clock, logger: logger)
        var byId: [String: Instructor] = [:]
        for instructor in all { byId[instructor.id] = instructor }
        do {
            let outcome = try await pusher.push(integration: integration, provider: provider, instructors: byId,
                                                matches: matches, events: events)
            report.created += outcome.created
            report.updated += outcome.updated
            report.deleted += outcome.deleted
            report.errors += outcome.errors
        } catch {
            report.errors.append("pushing: \(error)")
        }
        return report
    }

    /// Remembers a failed pull on the person's delta state; nothing is deleted (a failed read never deletes).
    func recordPullError(_ error: any Error, instructor: Instructor, userId: String, integration: Integration) async {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        var state = (try? await store.deltaState(integrationId: integration.id, instructorId: instructor.id))
            ?? DeltaState(integrationId: integration.id, instructorId: instructor.id, calendarUserId: userId,
                          deltaLink: nil, windowStart: window.start, windowEnd: window.end)
        let calendarError = error as? CalendarError
        state.lastErrorAt = now
        state.lastErrorCode = calendarError?.code ?? calendarError?.kind.rawValue ?? "internal"
        state.lastErrorMessage = calendarError?.message ?? "\(error)"
        try? await store.saveDeltaState(state)
    }
}
