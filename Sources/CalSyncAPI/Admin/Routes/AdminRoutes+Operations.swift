import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - The operations log (Lucca's monitoring)

extension AdminRoutes {
    static let operationsPageSize = 100

    /// `GET /admin/operations?status=&instructorId=&integrationId=&from=&to=&before=`: newest first, 100 a page.
    static func operationsPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let zone = try DisplayZone.of(request)
        let filter = try OperationsPage.Filter(request)
        let created = filter.created(in: zone.zone)
        let rows = try await store.operations(
            state: filter.status, instructorId: filter.instructorId, integrationId: filter.integrationId,
            limit: operationsPageSize + 1, beforeId: filter.before, createdFrom: created.from, createdBefore: created.before,
            newestFirst: true)
        let shown = Array(rows.prefix(operationsPageSize))
        let people = try await store.instructors()
        let integrations = try await store.integrations()
        let labels = try await ItemLabels.load(shown.map(\.key), store: store)
        return AdminResponse.page(
            200,
            OperationsPage.render(
                shown, more: rows.count > operationsPageSize, filter: filter, people: people, integrations: integrations,
                labels: labels, session: request.signedIn, flash: flash(request, deps), zone: zone,
                vocabularies: deps.context.vocabularies))
    }

    /// `GET /admin/operations/{id}`: one operation with its error, HTTP status, message, attempts and note.
    static func operationPage(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        let store = deps.context.store
        let zone = try DisplayZone.of(request)
        let id = try operationId(request)
        guard let operation = try await store.operation(id: id) else { throw AdminError.notFound("Operation \(id)") }
        let person = try await store.instructor(id: operation.key.instructorId)
        let integration = try await store.integration(id: operation.key.integrationId)
        let labels = try await ItemLabels.load([operation.key], store: store)
        return AdminResponse.page(
            200,
            OperationPage.render(
                operation, personName: person?.name, integration: integration, labels: labels,
                session: request.signedIn, flash: flash(request, deps), zone: zone,
                vocabularies: deps.context.vocabularies))
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
