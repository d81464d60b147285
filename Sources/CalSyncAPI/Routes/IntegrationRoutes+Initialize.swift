import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Initialize (batch sync from a date)

extension IntegrationRoutes {
    /// `POST /v1/integrations/{id}/initialize` `{ "since": "YYYY-MM-DD", "establishments": [...] }` → 202
    /// `{ "items", "operations" }`: the rules are `IntegrationInitializer`'s.
    static func initialize(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let body = try request.body()
        try body.allowOnly(["since", "establishments"])
        let since = try body.required("since") { try body.date($0) }
        let chosen = try body.stringArray("establishments", maxCount: 1_000, maxLength: 128) ?? []
        let (items, operations) = try await IntegrationInitializer.run(
            integrationId: id, since: since, establishments: chosen, context)
        return JSONOutput.response(202, ["items": items, "operations": operations])
    }
}
