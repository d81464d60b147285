import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation

// MARK: - The operations log and its admin actions

extension SyncRoutes {
    /// `GET /v1/sync/operations?status=&instructorId=&integrationId=&limit=&cursor=`, oldest first, paged by id.
    /// `status` is an `OperationState`: `pending` lists the operations never tried yet, `retrying` those that failed and
    /// wait for their next try.
    static func operations(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        try request.allowQuery(["status", "instructorId", "integrationId", "limit", "cursor"])
        let pagination = try Pagination(request)
        var state: OperationState? = nil
        if let text = request.query("status") {
            guard let value = OperationState(rawValue: text) else {
                let states = OperationState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(400, "invalid_parameter", "`status` must be one of: \(states).", field: "status")
            }
            state = value
        }
        var afterId: Int64? = nil
        if let after = pagination.after {
            guard let id = OperationRepresentation.id(after) else {
                throw APIError(400, "invalid_parameter", "`cursor` is not a cursor this API gave out.", field: "cursor")
            }
            afterId = id
        }
        let rows = try await context.store.operations(
            state: state, instructorId: try filter(request, "instructorId"),
            integrationId: try filter(request, "integrationId"), afterId: afterId, limit: pagination.limit + 1)
        let page = Array(rows.prefix(pagination.limit))
        let next = rows.count > pagination.limit ? page.last.map { Pagination.encode(String($0.id)) } : nil
        return JSONOutput.response(200, listResponse(page.map(OperationRepresentation.json), nextCursor: next))
    }

    /// `POST /v1/sync/operations/{id}/retry` → 202 with the operation, pending again (`OperationActions.retry`).
    static func retry(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        let operation = try await OperationActions.retry(id: try operationId(request), context)
        return JSONOutput.response(202, OperationRepresentation.json(operation))
    }

    /// `POST /v1/sync/operations/{id}/mark-processed` → 200 with the operation (`OperationActions.markProcessed`).
    static func markProcessed(_ request: APIRequest, _ context: APIContext) async throws -> HTTPResponse {
        let operation = try await OperationActions.markProcessed(id: try operationId(request), context)
        return JSONOutput.response(200, OperationRepresentation.json(operation))
    }

    // MARK: - Helpers

    /// The operation id of the path (404 when it cannot be one); these actions take no query and no body fields.
    static func operationId(_ request: APIRequest) throws -> Int64 {
        try request.allowQuery([])
        if !request.http.body.isEmpty { try request.body().allowOnly([]) }
        guard let id = OperationRepresentation.id(request.param("id")) else {
            throw APIError.notFound("Operation `\(APIServer.printable(request.param("id")))`")
        }
        return id
    }

    /// A filter on an id: any non-empty text up to 256 characters (an unknown id simply matches nothing).
    static func filter(_ request: APIRequest, _ name: String) throws -> String? {
        guard let value = request.query(name) else { return nil }
        guard (1...256).contains(value.count) else {
            throw APIError(400, "invalid_parameter", "`\(name)` must be 1 to 256 characters.", field: name)
        }
        return value
    }
}
