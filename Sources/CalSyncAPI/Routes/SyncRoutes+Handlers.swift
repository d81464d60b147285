import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - On-demand sync and status

extension SyncRoutes {
    /// `POST /v1/sync` `{ "integrationId": null, "instructorId": null }` (both optional, the body too) → 202
    /// `{ "runId" }`. Unknown ids → 404; an inactive integration → 409; a person the named integration does not
    /// cover → 422.
    static func requestSync(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        var integrationId: String? = nil
        var instructorId: String? = nil
        if !request.http.body.isEmpty {
            let body = try request.body()
            try body.allowOnly(["integrationId", "instructorId"])
            integrationId = try body.string("integrationId", maxLength: 256)
            instructorId = try body.string("instructorId", maxLength: 128)
        }
        var integration: Integration? = nil
        if let integrationId {
            guard let found = try await context.store.integration(id: integrationId) else {
                throw APIError.notFound("Integration `\(APIServer.printable(integrationId))`")
            }
            guard found.status == .active else {
                throw APIError.conflict("Integration `\(found.id)` is inactive: it is not synced.")
            }
            integration = found
        }
        if let instructorId {
            guard let person = try await context.store.instructor(id: instructorId) else {
                throw APIError.notFound("Instructor `\(APIServer.printable(instructorId))`")
            }
            if let integration, !integration.covers(establishment: person.establishment) {
                throw APIError.invalid(
                    "instructorId", "Instructor `\(person.id)` is not covered by integration `\(integration.id)`.")
            }
        }
        let runId: Int64
        do {
            runId = try await context.sync.requestSync(integrationId: integrationId, instructorId: instructorId)
        } catch {
            throw APIError.notReady("The sync could not be started; try again shortly.")
        }
        return JSONOutput.response(202, ["runId": String(runId)])
    }

    /// `GET /v1/sync/status` → `{ running, nextRunAt, lastRun | null, integrations: [...] }`.
    static func status(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let snapshot = await context.sync.status()
        var lastRun = snapshot.lastRun
        if lastRun == nil { lastRun = try await context.store.lastSyncRun() }
        let purges = try await context.store.purgeRequests()
        var integrations: [Any] = []
        for integration in try await context.store.integrations() {
            let health = try await IntegrationHealth.load(
                integration, purgeRequestedAt: purges[integration.id], store: context.store)
            integrations.append(health.json)
        }
        return JSONOutput.response(
            200,
            [
                "running": snapshot.running,
                "nextRunAt": snapshot.nextRunAt as Any,
                "lastRun": lastRun.map(runJSON) as Any,
                "integrations": integrations,
            ])
    }

    static func runJSON(_ run: SyncRunRecord) -> [String: Any] {
        [
            "id": String(run.id), "startedAt": run.startedAt, "finishedAt": run.finishedAt as Any,
            "instructors": run.instructors, "pulled": run.pulled, "pushed": run.pushed, "errors": run.errors,
        ]
    }
}
