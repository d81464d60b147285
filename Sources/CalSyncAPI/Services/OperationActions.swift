import CalSyncCore
import CalSyncStore
import Foundation

/// The operations log's two admin actions (`POST /v1/sync/operations/{id}/retry` and `…/mark-processed`, and the
/// admin pages' buttons).
enum OperationActions {
    /// Retry: the operation is pending again (same row) with a fresh retry budget — its attempts start again from 0, the
    /// note keeps how many there were — and the pusher is woken. Only failed operations
    /// can be retried: pending, succeeded and processed ones answer 409 (an admin's "processed" is final), and so does
    /// one whose integration was removed.
    static func retry(id: Int64, _ context: APIContext) async throws -> OperationRecord {
        let operation = try await context.store.write { db -> OperationRecord in
            guard var operation = try db.operation(id: id) else { throw notFound(id) }
            switch operation.status {
            case .error: break
            case .pending where operation.isRetrying:
                throw APIError.conflict(
                    "Operation \(id) is retrying on its own (\(operation.attempts) attempts so far); "
                        + "mark it processed to stop it.")
            case .pending: throw APIError.conflict("Operation \(id) is already waiting to run.")
            case .success: throw APIError.conflict("Operation \(id) succeeded; there is nothing to retry.")
            case .processed:
                throw APIError.conflict("Operation \(id) was marked processed; processed operations are never retried.")
            }
            guard try db.integration(id: operation.key.integrationId) != nil else {
                throw APIError.conflict("The integration of operation \(id) was removed; it can no longer run.")
            }
            operation.status = .pending
            operation.notBefore = nil
            operation.note = "retried by an admin after \(operation.attempts) attempt\(operation.attempts == 1 ? "" : "s")"
            operation.attempts = 0
            try db.updateOperation(operation)
            return operation
        }
        context.sync.wakePusher()
        return operation
    }

    /// Mark processed: a failed or pending operation is dismissed for good (never retried, not even by an
    /// initialization). Succeeded ones answer 409; marking a processed one again changes nothing.
    static func markProcessed(id: Int64, _ context: APIContext) async throws -> OperationRecord {
        try await context.store.write { db -> OperationRecord in
            guard var operation = try db.operation(id: id) else { throw notFound(id) }
            switch operation.status {
            case .error, .pending:
                operation.status = .processed
                try db.updateOperation(operation)
            case .processed: break
            case .success:
                throw APIError.conflict("Operation \(id) succeeded; only pending or failed ones can be marked processed.")
            }
            return operation
        }
    }

    static func notFound(_ id: Int64) -> APIError { APIError.notFound("Operation \(id)") }
}
