import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - On-demand sync and status

extension SyncRoutes {
    /// `POST /v1/sync` `{ "integrationId": null, "instructorId": null }` (both optional, the body too) → 202
    /// `{ "runId" }`. Unknown ids → 404; an inactive integration → 409; a person the named integration does not
    /// cover → 422. `"acceptDeletions": true` first accepts the deletions the mass-deletion guard held in that scope
    /// (409 when none is held).
    static func requestSync(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        var integrationId: String? = nil
        var instructorId: String? = nil
        var acceptDeletions = false
        if !request.http.body.isEmpty {
            let body = try request.body()
            try body.allowOnly(["integrationId", "instructorId", "acceptDeletions"])
            integrationId = try body.string("integrationId", maxLength: 256)
            instructorId = try body.string("instructorId", maxLength: 128)
            acceptDeletions = try body.bool("acceptDeletions") ?? false
        }
        let runId = try await SyncRequest.start(
            integrationId: integrationId, instructorId: instructorId, acceptDeletions: acceptDeletions, context)
        return JSONOutput.response(202, ["runId": String(runId)])
    }

    /// `GET /v1/sync/status` → `{ running, nextRunAt, lastRun | null, integrations: [...] }`.
    static func status(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let report = try await SyncStatusReport.load(context)
        return JSONOutput.response(
            200,
            [
                "running": report.running,
                "nextRunAt": report.nextRunAt as Any,
                "lastRun": report.lastRun.map(runJSON) as Any,
                "integrations": report.integrations.map(\.json),
            ])
    }

    static func runJSON(_ run: SyncRunRecord) -> [String: Any] {
        [
            "id": String(run.id), "startedAt": run.startedAt, "finishedAt": run.finishedAt as Any,
            "instructors": run.instructors, "pulled": run.pulled, "pushed": run.pushed, "errors": run.errors,
        ]
    }
}
