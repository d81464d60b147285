import CalSyncCore
import CalSyncHTTP
import Foundation

/// Sync control (admin), docs/api.md "Sync control": on-demand sync, the sync status with a diagnosis per
/// integration, and the operations log with its two admin actions (retry, mark processed).
enum SyncRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.post, "/v1/sync", role: .admin) { try await requestSync($0, context) }
        router.add(.get, "/v1/sync/status", role: .admin) { try await status($0, context) }
        router.add(.get, "/v1/sync/operations", role: .admin) { try await operations($0, context) }
        router.add(.post, "/v1/sync/operations/{id}/retry", role: .admin) { try await retry($0, context) }
        router.add(.post, "/v1/sync/operations/{id}/mark-processed", role: .admin) { try await markProcessed($0, context) }
    }
}
