import Foundation

/// One entry of the operations log (a push to a calendar and what became of it).
public struct OperationRecord: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Codable { case create, update, delete }
    public enum Status: String, Sendable, Codable { case pending, success, error, processed }

    public var id: Int64
    public var key: PushKey
    public var action: Action
    public var status: Status
    public var attempts: Int
    public var createdAt: Date
    public var lastAttemptAt: Date?
    public var externalId: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var httpStatus: Int?
    /// e.g. "already deleted", "recreated after deletion in the calendar".
    public var note: String?
    /// A pending operation is not tried before this (Retry-After, backoff after a failure).
    public var notBefore: Date?

    public init(
        id: Int64 = 0, key: PushKey, action: Action, status: Status = .pending, attempts: Int = 0,
        createdAt: Date, lastAttemptAt: Date? = nil, externalId: String? = nil, errorCode: String? = nil,
        errorMessage: String? = nil, httpStatus: Int? = nil, note: String? = nil, notBefore: Date? = nil
    ) {
        self.id = id
        self.key = key
        self.action = action
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.lastAttemptAt = lastAttemptAt
        self.externalId = externalId
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.httpStatus = httpStatus
        self.note = note
        self.notBefore = notBefore
    }
}
