import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - Create, list, read, change

extension IntegrationRoutes {
    /// `POST /v1/integrations` → 201 with the integration (never its secret). Its first sync starts at once.
    static func create(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let body = try request.body()
        let integration = try IntegrationInput.created(from: body, id: newId(), now: now(context))
        try ConnectionValidation.check(integration, context)
        try await context.store.saveIntegration(integration)
        context.sync.catchUp(integrationId: integration.id, instructorId: nil)
        return JSONOutput.response(
            201, IntegrationRepresentation.json(integration, purgeRequestedAt: nil),
            headers: ["Location": "/v1/integrations/\(integration.id)"])
    }

    /// `GET /v1/integrations?limit=&cursor=`, oldest first.
    static func list(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["limit", "cursor"])
        let pagination = try Pagination(request)
        let integrations = try await context.store.integrations()
            .sorted { IntegrationRepresentation.pagingKey($0) < IntegrationRepresentation.pagingKey($1) }
        let purges = try await context.store.purgeRequests()
        let page = pagination.page(integrations, key: IntegrationRepresentation.pagingKey)
        let items = page.items.map { IntegrationRepresentation.json($0, purgeRequestedAt: purges[$0.id]) }
        return JSONOutput.response(200, listResponse(items, nextCursor: page.nextCursor))
    }

    /// `GET /v1/integrations/{id}`.
    static func read(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        guard let integration = try await context.store.integration(id: id) else { throw notFound(id) }
        let purge = try await context.store.purgeRequestedAt(integrationId: id)
        return JSONOutput.response(200, IntegrationRepresentation.json(integration, purgeRequestedAt: purge))
    }

    /// `PATCH /v1/integrations/{id}`: any of name, status, clientSecret, establishments, settings (merged key by
    /// key); the rules are `IntegrationChange`'s.
    static func patch(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery([])
        let id = request.param("id")
        let body = try request.body()
        let integration = try await IntegrationChange.apply(id: id, body: body, context)
        return JSONOutput.response(200, IntegrationRepresentation.json(integration, purgeRequestedAt: nil))
    }
}
