import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - Remove (`DELETE /v1/integrations/{id}`, optionally purging the calendars first)

extension IntegrationRoutes {
    /// Note put on pending operations that can no longer run because their integration was removed.
    static let removedNote = "integration removed"

    /// `DELETE /v1/integrations/{id}` → 204: removes the integration with its matches, busy blocks, mappings
    /// and delta states; its pending operations are marked processed (the log keeps them).
    ///
    /// `?purgeCalendars=true` → 202 `{ "id", "pendingDeletes" }`: one pending delete per event CalSync pushed for
    /// it, in the same transaction that turns it inactive and marks it for removal; the worker deletes the
    /// events, then removes the integration once no mapping is left (`CalSyncStore.completePurges()`). With no
    /// pushed event it is removed at once. Asking again does not queue a second delete for the same event.
    static func remove(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["purgeCalendars"])
        let purge = try request.queryBool("purgeCalendars") ?? false
        let id = request.param("id")
        guard purge else {
            try await context.store.write { db in
                guard try db.integration(id: id) != nil else { throw notFound(id) }
                try db.dismissPendingOperations(integrationId: id, note: removedNote)
                try db.deleteIntegration(id: id)
            }
            return HTTPResponse(status: 204, headers: HTTPHeaders(), body: Data())
        }
        let now = Self.now(context)
        let (pendingDeletes, queued) = try await context.store.write { db -> (Int, Int) in
            guard try db.integration(id: id) != nil else { throw notFound(id) }
            let mappings = try db.mappings(integrationId: id)
            guard !mappings.isEmpty else {
                try db.dismissPendingOperations(integrationId: id, note: removedNote)
                try db.deleteIntegration(id: id)
                return (0, 0)
            }
            var queued = 0
            for mapping in mappings {
                if let latest = try db.latestOperation(for: mapping.key), latest.status == .pending,
                    latest.action == .delete
                {
                    continue
                }
                try db.appendOperation(
                    OperationRecord(
                        key: mapping.key, action: .delete, status: .pending, createdAt: now,
                        externalId: mapping.externalId))
                queued += 1
            }
            try db.requestPurge(integrationId: id, at: now)
            return (mappings.count, queued)
        }
        if queued > 0 { context.sync.wakePusher() }
        return JSONOutput.response(202, ["id": id, "pendingDeletes": pendingDeletes])
    }
}
