import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Synchronization

/// The running worker as the API sees it: the timer loop, on-demand cycles, the real-time pusher
/// and the figures behind `/metrics`.
public final class SyncController: SyncControlling {
    public let engine: SyncEngine
    let store: CalSyncStore
    let loop: SyncLoop
    let metrics: MetricsRegistry
    /// Catch-up syncs of what was just created or switched back on.
    let catchUps: CatchUpQueue
    /// On-demand cycles and pusher wake-ups in flight, awaited by `stop()`.
    private let tasks = Mutex<[UUID: Task<Void, Never>]>([:])

    public init(
        engine: SyncEngine, store: CalSyncStore, interval: Double, metrics: MetricsRegistry,
        onReport: @escaping @Sendable (CycleReport) -> Void = { _ in }
    ) {
        self.engine = engine
        self.store = store
        self.metrics = metrics
        SyncController.describe(metrics)
        loop = SyncLoop(engine: engine, interval: interval) { report in
            SyncController.record(report, in: metrics)
            onReport(report)
        }
        catchUps = CatchUpQueue { [engine] scope in
            if let report = await engine.runCycleWhenIdle(scope: scope) { SyncController.record(report, in: metrics) }
        }
    }

    /// Starts the loop and, at once, the pusher: operations left pending by a previous process (a crash,
    /// a restart) are resumed now, not only after the first cycle has matched and pulled everyone.
    public func start() {
        loop.start()
        wakePusher()
    }

    /// A second stop signal: the cycle in flight stops after the people it is on (`stop()` still waits for it).
    public func hurry() async { await engine.requestStop(hurry: true) }

    /// Stops the timer and waits for the cycle (to its end), on-demand runs and pushes in flight.
    public func stop() async {
        await engine.requestStop()
        await loop.stop()
        for task in tasks.withLock({ Array($0.values) }) { await task.value }
        await engine.stopPusher()
    }

    public func wakePusher() {
        track { [engine] in await engine.drainOutbox() }
    }

    public func catchUp(integrationId: String?, instructorId: String?) {
        let scope = SyncScope(integrationId: integrationId, instructorId: instructorId)
        track { [catchUps] in await catchUps.request(scope) }
    }

    public func requestSync(integrationId: String?, instructorId: String?) async throws -> Int64 {
        if await engine.isRunning, let current = try await store.lastSyncRun(), current.finishedAt == nil {
            return current.id
        }
        let runId = try await engine.announceRun()
        let metrics = self.metrics
        track { [engine] in
            let scope = SyncScope(integrationId: integrationId, instructorId: instructorId)
            if let report = await engine.runCycle(runId: runId, scope: scope) {
                SyncController.record(report, in: metrics)
            }
        }
        return runId
    }

    public func status() async -> SyncStatusSnapshot {
        SyncStatusSnapshot(running: await engine.isRunning, nextRunAt: loop.nextRunAt, lastRun: try? await store.lastSyncRun())
    }

    public func refreshMetrics(_ metrics: MetricsRegistry) async {
        if let counts = try? await store.openOperationCounts() {
            for (state, count) in counts { metrics.set("calsync_operations", ["status": state.rawValue], Double(count)) }
            let waiting = (counts[.pending] ?? 0) + (counts[.retrying] ?? 0)
            metrics.set("calsync_outbox_pending_operations", [:], Double(waiting))
        }
        for integration in (try? await store.integrations()) ?? [] {
            let states = (try? await store.syncStates(integrationId: integration.id)) ?? []
            if let last = states.compactMap(\.lastSuccessAt).max() {
                metrics.set(
                    "calsync_last_successful_sync_timestamp_seconds", ["integration": integration.id], last.timeIntervalSince1970)
            }
        }
    }

    private func track(_ body: @escaping @Sendable () async -> Void) {
        let id = UUID()
        // Created under the lock, so its own removal (which takes the lock) always comes after the insert.
        tasks.withLock { tasks in
            tasks[id] = Task { [self] in
                await body()
                _ = self.tasks.withLock { $0.removeValue(forKey: id) }
            }
        }
    }

    static func describe(_ metrics: MetricsRegistry) {
        metrics.describe("calsync_sync_cycles_total", type: "counter", help: "Sync cycles run.")
        metrics.describe("calsync_sync_cycle_duration_seconds", type: "histogram", help: "Duration of sync cycles.")
        metrics.describe("calsync_sync_cycle_errors_total", type: "counter", help: "Errors met by sync cycles.")
        metrics.describe("calsync_outbox_pending_operations", type: "gauge", help: "Push operations waiting in the outbox.")
        metrics.describe(
            "calsync_operations", type: "gauge",
            help: "Push operations waiting or failed, by status: pending (never tried yet), retrying (failed, waiting for "
                + "the next try), error (failed for good).")
        metrics.describe(
            "calsync_last_successful_sync_timestamp_seconds", type: "gauge",
            help: "Unix time of the last successful calendar pull, per integration.")
    }

    static func record(_ report: CycleReport, in metrics: MetricsRegistry) {
        metrics.increment("calsync_sync_cycles_total")
        metrics.observe("calsync_sync_cycle_duration_seconds", [:], report.finishedAt.timeIntervalSince(report.startedAt))
        metrics.increment("calsync_sync_cycle_errors_total", by: Double(report.errorCount))
    }
}
