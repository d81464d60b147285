import Foundation

/// Which external event stands for which push key (the sync state CalSync owns).
public struct EventMapping: Sendable, Hashable, Codable {
    public var key: PushKey
    /// The mailbox (directory user id) the event lives in.
    public var calendarUserId: String
    /// Set once the create succeeded (immutable id); nil while a create is pending or ambiguous.
    public var externalId: String?
    /// Deterministic idempotency key of the current create (see `TransactionID`).
    public var transactionId: String
    /// Chosen when a create is first planned (milliseconds since 1970 at that moment) and kept
    /// while that create is retried; a later re-creation gets a new one, so a transactionId is
    /// never reused for a different event.
    public var generation: Int
    /// Fingerprint of the content last written to the calendar.
    public var fingerprint: String?
    public var updatedAt: Date

    public init(key: PushKey, calendarUserId: String, externalId: String?, transactionId: String, generation: Int,
                fingerprint: String?, updatedAt: Date) {
        self.key = key
        self.calendarUserId = calendarUserId
        self.externalId = externalId
        self.transactionId = transactionId
        self.generation = generation
        self.fingerprint = fingerprint
        self.updatedAt = updatedAt
    }
}

/// Deterministic `transactionId`s: the same push key, mailbox and generation always give the same id,
/// so a retried create (after a timeout or 5xx) carries the id of the first attempt.
public enum TransactionID {
    public static func make(for key: PushKey, calendarUserId: String, generation: Int) -> String {
        StableHash.uuid("calsync-txn|\(key.description)|\(calendarUserId)|\(generation)")
    }
}
