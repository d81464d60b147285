import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

/// What the API asks of the running worker.
public protocol SyncControlling: Sendable {
    /// Carries out pending outbox operations now (the real-time path); returns at once.
    func wakePusher()
    /// Starts a sync cycle now, unless one runs; returns the id of the run that will report it.
    func requestSync(integrationId: String?, instructorId: String?) async throws -> Int64
    /// Syncs what was just created or switched back on (an integration, a person: nil for all) — match, pull, push —
    /// now, or right after the cycle in flight; returns at once. Requests arriving together share one run.
    func catchUp(integrationId: String?, instructorId: String?)
    /// Running state, next tick and the last run.
    func status() async -> SyncStatusSnapshot
    /// Updates gauges (outbox depth, last success per integration) before `/metrics` renders.
    func refreshMetrics(_ metrics: MetricsRegistry) async
}

public struct SyncStatusSnapshot: Sendable {
    public var running: Bool
    public var nextRunAt: Date?
    public var lastRun: SyncRunRecord?

    public init(running: Bool, nextRunAt: Date?, lastRun: SyncRunRecord?) {
        self.running = running
        self.nextRunAt = nextRunAt
        self.lastRun = lastRun
    }
}
