import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - The operations log (Lucca's monitoring)

extension AdminRoutes {
    static let operationsPageSize = 100

    /// `GET /admin/operations?status=&instructorId=&integrationId=&after=`: oldest first, 100 a page.
    static func operationsPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let filter = try OperationsPage.Filter(request)
        let rows = try await store.operations(
            state: filter.status, instructorId: filter.instructorId, integrationId: filter.integrationId,
            afterId: filter.after, limit: operationsPageSize + 1)
        let people = try await store.instructors()
        let integrations = try await store.integrations()
        return AdminResponse.page(
            200,
            OperationsPage.render(
                Array(rows.prefix(operationsPageSize)), more: rows.count > operationsPageSize, filter: filter,
                people: people, integrations: integrations, session: request.signedIn, flash: flash(request, deps)))
    }

    /// `GET /admin/operations/{id}`: one operation with its error, HTTP status, message, attempts and note.
    static func operationPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let id = try operationId(request)
        guard let operation = try await store.operation(id: id) else { throw AdminError.notFound("Operation \(id)") }
        let person = try await store.instructor(id: operation.key.instructorId)
        let integration = try await store.integration(id: operation.key.integrationId)
        return AdminResponse.page(
            200,
            OperationPage.render(
                operation, personName: person?.name, integrationName: integration?.name, session: request.signedIn,
                flash: flash(request, deps)))
    }

    /// `POST /admin/operations/{id}/retry`.
    static func retry(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly([])
        let operation = try await OperationActions.retry(id: try operationId(request), deps.context)
        return done("Operation \(operation.id) will be retried.", then: AdminPaths.operation(operation.id), request, deps)
    }

    /// `POST /admin/operations/{id}/mark-processed`.
    static func markProcessed(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly([])
        let operation = try await OperationActions.markProcessed(id: try operationId(request), deps.context)
        return done(
            "Operation \(operation.id) is marked processed; it will not be retried.", then: AdminPaths.operation(operation.id),
            request, deps)
    }

    static func operationId(_ request: AdminRequest) throws -> Int64 {
        guard let id = OperationRepresentation.id(request.param("id")) else { throw AdminError.notFound("This operation") }
        return id
    }
}
