import CalSyncHTTP
import Foundation

// MARK: - Sync status and on-demand sync

extension AdminRoutes {
    /// `GET /admin/status`: the report `GET /v1/sync/status` gives, as a page.
    static func statusPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let zone = try DisplayZone.of(request)
        let report = try await SyncStatusReport.load(deps.context)
        let operations = try await deps.context.store.openOperationCounts()
        return AdminResponse.page(
            200,
            StatusPage.render(
                report, operations: operations, session: request.signedIn, flash: flash(request, deps), zone: zone,
                vocabularies: deps.context.vocabularies))
    }

    /// `POST /admin/sync` `integrationId=` (blank = every integration): a sync now, as `POST /v1/sync`.
    static func syncNow(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["integrationId"])
        let integrationId = try request.form.text("integrationId")
        let runId = try await SyncRequest.start(integrationId: integrationId, instructorId: nil, deps.context)
        return done("Sync run \(runId) started.", then: AdminPaths.status, request, deps)
    }
}
