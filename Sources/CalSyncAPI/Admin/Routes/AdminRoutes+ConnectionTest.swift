import CalSyncCore
import CalSyncHTTP

// MARK: - Integrations: test the connection

extension AdminRoutes {
    /// How long a connection test may take before the page says that nothing answers.
    static let connectionTestSeconds = 30

    /// `POST /admin/integrations/{id}/test`: the doctor's connection checks (token, permissions, directory, matching,
    /// three mailboxes), shown on the integration's page. Changes nothing; the secret is never shown. The checks are
    /// awaited (the server's threads stay free), and given up after `connectionTestSeconds`.
    static func testConnection(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly([])
        let store = deps.context.store
        guard let integration = try await store.integration(id: request.param("id")) else {
            throw AdminError.notFound("This integration")
        }
        guard let doctor = deps.context.doctor else {
            throw AdminError(409, "Connection tests are not available in this process: run `calsync doctor`.")
        }
        let people = try await store.instructors()
        let report = await Deadline.run(seconds: connectionTestSeconds) {
            await doctor.checkConnection(integration, instructors: people, mailboxes: 3)
        }
        let result = report.map(ConnectionSection.Result.checked) ?? .timedOut(seconds: connectionTestSeconds)
        return AdminResponse.page(200, try await integrationView(request, deps, connection: result))
    }
}
