import CalSyncCore
import CalSyncHTTP

// MARK: - The operations log: several operations at once

extension AdminRoutes {
    /// `POST /admin/operations/bulk` `action=retry|mark-processed`, `id=…` (one per ticked operation), `return=PATH`:
    /// the single actions' service (`OperationActions`) applied to each ticked operation in turn. The summary says what
    /// was done, and what was refused and why (e.g. one that succeeded meanwhile); back to the page it came from.
    static func bulkOperations(_ request: AdminRequest, _ deps: Dependencies) async throws -> HTTPResponse {
        try request.form.allowOnly(["action", "id", "return"])
        let action = try request.form.value("action")
        guard action == "retry" || action == "mark-processed" else {
            throw AdminError(400, "`action` must be retry or mark-processed.", field: "action")
        }
        var ids: [Int64] = []
        for text in request.form.values("id") {
            guard let id = OperationRepresentation.id(text) else {
                throw AdminError(400, "`id` must be operation numbers.", field: "id")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard ids.count <= operationsPageSize else {
            throw AdminError(400, "Tick at most \(operationsPageSize) operations at once.", field: "id")
        }
        let back = AdminPaths.back(to: try request.form.text("return") ?? AdminPaths.operations)
        guard !ids.isEmpty else { return done("No operation was ticked: nothing was done.", then: back, request, deps) }
        var applied: [Int64] = []
        var refused: [String] = []
        for id in ids {
            do {
                if action == "retry" {
                    _ = try await OperationActions.retry(id: id, deps.context)
                } else {
                    _ = try await OperationActions.markProcessed(id: id, deps.context)
                }
                applied.append(id)
            } catch let error as APIError where error.status == 404 || error.status == 409 {
                refused.append(error.message)
            }
        }
        return done(summary(action == "retry", applied: applied, refused: refused), then: back, request, deps)
    }

    /// "2 operations will be retried (#4, #7). 1 was not: Operation 5 succeeded; there is nothing to retry."
    static func summary(_ retry: Bool, applied: [Int64], refused: [String]) -> String {
        let count = applied.isEmpty ? "No operation" : applied.count == 1 ? "1 operation" : "\(applied.count) operations"
        let numbers = applied.isEmpty ? "" : " (" + applied.map { "#\($0)" }.joined(separator: ", ") + ")"
        var text =
            retry
            ? "\(count) will be retried\(numbers)."
            : "\(count) \(applied.count > 1 ? "are" : "is") marked processed\(numbers)\(applied.isEmpty ? "" : ": never retried")."
        if !refused.isEmpty {
            text += " \(refused.count) \(refused.count == 1 ? "was" : "were") not: " + refused.joined(separator: " ")
        }
        return text
    }
}
