import CalSyncHTTP
import Foundation

// MARK: - Remove (`DELETE /v1/integrations/{id}`, optionally purging the calendars first)

extension IntegrationRoutes {
    /// `DELETE /v1/integrations/{id}` → 204, removed at once. `?purgeCalendars=true` → 202 `{ "id", "pendingDeletes" }`:
    /// the events CalSync pushed for it are deleted first. The rules are `IntegrationRemoval`'s.
    static func remove(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["purgeCalendars"])
        let purge = try request.queryBool("purgeCalendars") ?? false
        let id = request.param("id")
        let pendingDeletes = try await IntegrationRemoval.remove(id: id, purgeCalendars: purge, context)
        guard purge else { return HTTPResponse(status: 204, headers: HTTPHeaders(), body: Data()) }
        return JSONOutput.response(202, ["id": id, "pendingDeletes": pendingDeletes])
    }
}
