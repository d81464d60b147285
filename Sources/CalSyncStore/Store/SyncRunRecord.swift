import Foundation

/// One run of the sync loop (pull and push of every synced person), as `GET /v1/sync/status` shows it.
public struct SyncRunRecord: Sendable, Hashable {
    public var id: Int64
    public var startedAt: Date
    public var finishedAt: Date?
    public var instructors: Int
    public var pulled: Int
    public var pushed: Int
    public var errors: Int

    public init(
        id: Int64 = 0, startedAt: Date, finishedAt: Date? = nil, instructors: Int = 0, pulled: Int = 0,
        pushed: Int = 0, errors: Int = 0
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.instructors = instructors
        self.pulled = pulled
        self.pushed = pushed
        self.errors = errors
    }
}
