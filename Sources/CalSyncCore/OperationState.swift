/// What an operation of the log is doing, as the API, the admin pages and the metrics show it: its stored status,
/// except that a pending operation which has already been tried, failed, and waits for its next try is `retrying`.
///
/// Throttled writes (429, 503 with Retry-After) are retried for as long as the service asks, so a write is never lost
/// to an outage; transient failures (other 5xx, timeouts) a bounded number of times before they become `error`.
/// Either way, while it waits, the operation is `retrying`, with its attempts and last error, never silently `pending`.
public enum OperationState: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its first try.
    case pending
    /// Tried and failed; waiting for its next try.
    case retrying
    case success
    /// Failed for good: an admin may retry it or mark it processed.
    case error
    /// Dismissed by an admin (or by the removal of its integration): never run again.
    case processed

    public init(_ operation: OperationRecord) {
        switch operation.status {
        case .pending: self = operation.attempts > 0 ? .retrying : .pending
        case .success: self = .success
        case .error: self = .error
        case .processed: self = .processed
        }
    }

    /// The status stored for operations in this state (`pending` for both waiting states).
    public var storedStatus: OperationRecord.Status {
        switch self {
        case .pending, .retrying: .pending
        case .success: .success
        case .error: .error
        case .processed: .processed
        }
    }
}
