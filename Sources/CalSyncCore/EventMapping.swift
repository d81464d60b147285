import Foundation

/// Which external event stands for which push key (the sync state CalSync owns).
public struct EventMapping: Sendable, Hashable, Codable {
    public var key: PushKey
    /// The calendar the event lives in.
    public var calendarId: CalendarID
    /// Set once the create succeeded (immutable id); nil while a create is pending or ambiguous.
    public var externalId: String?
    /// Deterministic idempotency key of the current create (see `IdempotencyKey`).
    public var idempotencyKey: String
    /// Chosen when a create is first planned (milliseconds since 1970 at that moment) and kept
    /// while that create is retried; a later re-creation gets a new one, so an idempotency key is
    /// never reused for a different event.
    public var generation: Int
    /// Fingerprint of the content last written to the calendar.
    public var fingerprint: String?
    public var updatedAt: Date

    public init(
        key: PushKey, calendarId: CalendarID, externalId: String?, idempotencyKey: String, generation: Int,
        fingerprint: String?, updatedAt: Date
    ) {
        self.key = key
        self.calendarId = calendarId
        self.externalId = externalId
        self.idempotencyKey = idempotencyKey
        self.generation = generation
        self.fingerprint = fingerprint
        self.updatedAt = updatedAt
    }
}

/// Deterministic idempotency keys: the same push key, calendar and generation always give the same key, so a
/// retried create (after a timeout or 5xx) carries the key of the first attempt.
public enum IdempotencyKey {
    public static func make(for key: PushKey, calendarId: CalendarID, generation: Int) -> String {
        // The text hashed is the one earlier releases hashed: stored keys stay valid.
        StableHash.uuid("calsync-txn|\(key.description)|\(calendarId)|\(generation)")
    }
}
