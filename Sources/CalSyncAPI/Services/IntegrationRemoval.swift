import CalSyncCore
import CalSyncStore
import Foundation

/// Removing an integration (`DELETE /v1/integrations/{id}`, the admin pages' delete form).
///
/// Without `purgeCalendars` it goes at once with its matches, busy blocks, mappings and delta states; its pending
/// operations are marked processed (the log keeps them). With it: one pending delete per event CalSync pushed for
/// it, in the same transaction that turns it inactive and marks it for removal; the worker deletes the events, then
/// removes the integration once no mapping is left (`CalSyncStore.completePurges()`). With no pushed event it is
/// removed at once. Asking again does not queue a second delete for the same event.
enum IntegrationRemoval {
    /// Note put on pending operations that can no longer run because their integration was removed.
    static let removedNote = "integration removed"

    /// Returns how many pushed events are to be deleted first (0: the integration is gone already).
    static func remove(id: String, purgeCalendars: Bool, _ context: APIContext) async throws -> Int {
        guard purgeCalendars else {
            try await context.store.write { db in
                guard try db.integration(id: id) != nil else { throw IntegrationRoutes.notFound(id) }
                try db.dismissPendingOperations(integrationId: id, note: removedNote)
                try db.deleteIntegration(id: id)
            }
            return 0
        }
        let now = IntegrationRoutes.now(context)
        let (pendingDeletes, queued) = try await context.store.write { db -> (Int, Int) in
            guard try db.integration(id: id) != nil else { throw IntegrationRoutes.notFound(id) }
            let mappings = try db.mappings(integrationId: id)
            guard !mappings.isEmpty else {
                try db.dismissPendingOperations(integrationId: id, note: removedNote)
                try db.deleteIntegration(id: id)
                return (0, 0)
            }
            var queued = 0
            for mapping in mappings
            where try db.queueOperation(mapping.key, action: .delete, now: now, externalId: mapping.externalId) != nil {
                queued += 1
            }
            try db.requestPurge(integrationId: id, at: now)
            return (mappings.count, queued)
        }
        if queued > 0 { context.sync.wakePusher() }
        return pendingDeletes
    }
}
