import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// What `GET /v1/sync/status` and the admin status page show: whether a run is going, the next one, the last one,
/// and each integration's health with its diagnosis.
struct SyncStatusReport: Sendable {
    var running: Bool
    var nextRunAt: Date?
    var lastRun: SyncRunRecord?
    var integrations: [IntegrationHealth]

    static func load(_ context: APIContext) async throws -> SyncStatusReport {
        let snapshot = await context.sync.status()
        var lastRun = snapshot.lastRun
        if lastRun == nil { lastRun = try await context.store.lastSyncRun() }
        let purges = try await context.store.purgeRequests()
        var integrations: [IntegrationHealth] = []
        for integration in try await context.store.integrations() {
            integrations.append(
                try await IntegrationHealth.load(
                    integration, purgeRequestedAt: purges[integration.id], store: context.store,
                    vocabularies: context.vocabularies))
        }
        return SyncStatusReport(
            running: snapshot.running, nextRunAt: snapshot.nextRunAt, lastRun: lastRun, integrations: integrations)
    }
}
