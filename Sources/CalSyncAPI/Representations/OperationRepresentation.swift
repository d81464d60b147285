import CalSyncCore
import Foundation

/// An entry of the operations log as `GET /v1/sync/operations` shows it (docs/api.md, "Sync control").
/// The id is a string (like every id of the API); `itemId` is the scheduler's id (an absence's, not the key of one
/// of its calendar entries) and `part` which calendar entry of an absence it is (null for a training event);
/// `status` is the operation's `OperationState` (`retrying`: failed, waiting for its next try); `error` is the last
/// failure recorded on the operation, kept while it waits for a retry or after an admin marked it processed, and
/// null when there was none.
enum OperationRepresentation {
    static func json(_ operation: OperationRecord) -> [String: Any] {
        [
            "id": String(operation.id),
            "integrationId": operation.key.integrationId,
            "instructorId": operation.key.instructorId,
            "itemKind": operation.key.itemKind.rawValue,
            "itemId": operation.key.schedulerItemId,
            "part": operation.key.part as Any,
            "action": operation.action.rawValue,
            "status": operation.state.rawValue,
            "attempts": operation.attempts,
            "createdAt": operation.createdAt,
            "lastAttemptAt": operation.lastAttemptAt as Any,
            "externalId": operation.externalId as Any,
            "error": error(operation) as Any,
            "note": operation.note as Any,
        ]
    }

    static func error(_ operation: OperationRecord) -> [String: Any]? {
        let failed = operation.status == .error || operation.isRetrying
        guard operation.errorCode != nil || operation.errorMessage != nil || failed else {
            return nil
        }
        return [
            "code": operation.errorCode ?? "unknown",
            "message": operation.errorMessage ?? "The operation failed without a message.",
            "httpStatus": operation.httpStatus as Any,
        ]
    }

    /// The id of an operation from a path or a cursor: a positive whole number, else nil (answered as 404 / 400).
    static func id(_ text: String) -> Int64? {
        guard (1...19).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let id = Int64(text), id > 0
        else { return nil }
        return id
    }
}
