import CalSyncCore
import Foundation

// MARK: - Event mappings (keyed by PushKey)

extension CalSyncStore {
    // Columns named when Microsoft 365 was the only calendar system: `calendar_user_id` holds the calendar id,
    // `transaction_id` the idempotency key.
    static let mappingColumns = """
        integration_id, item_kind, item_id, instructor_id, calendar_user_id, external_id, transaction_id, \
        generation, fingerprint, updated_at_ms
        """

    /// The mappings of one integration, by item kind, item id, instructor id.
    public func mappings(integrationId: String) throws -> [EventMapping] {
        try db.fetchAll(
            """
            SELECT \(Self.mappingColumns) FROM event_mappings WHERE integration_id = ?
            ORDER BY item_kind, item_id, instructor_id
            """,
            integrationId
        ) { try Self.mapping(from: $0) }
    }

    /// The mappings of one person in every integration (e.g. to delete their events after they were removed).
    public func mappings(instructorId: String) throws -> [EventMapping] {
        try db.fetchAll(
            """
            SELECT \(Self.mappingColumns) FROM event_mappings WHERE instructor_id = ?
            ORDER BY integration_id, item_kind, item_id
            """,
            instructorId
        ) { try Self.mapping(from: $0) }
    }

    /// The mappings of one scheduler item (every person, every integration).
    public func mappings(itemKind: ItemKind, itemId: String) throws -> [EventMapping] {
        try db.fetchAll(
            """
            SELECT \(Self.mappingColumns) FROM event_mappings WHERE item_kind = ? AND item_id = ?
            ORDER BY integration_id, instructor_id
            """,
            itemKind.rawValue, itemId
        ) { try Self.mapping(from: $0) }
    }

    public func mapping(for key: PushKey) throws -> EventMapping? {
        try db.fetchOne(
            """
            SELECT \(Self.mappingColumns) FROM event_mappings
            WHERE integration_id = ? AND item_kind = ? AND item_id = ? AND instructor_id = ?
            """,
            key.integrationId, key.itemKind.rawValue, key.itemId, key.instructorId
        ) { try Self.mapping(from: $0) }
    }

    /// Inserts or replaces the mapping of `mapping.key`. Throws `StoreError.notFound` for an unknown integration.
    public func saveMapping(_ mapping: EventMapping) throws {
        let key = mapping.key
        try requiringParents("integration \(key.integrationId)") {
            try db.run(
                """
                INSERT INTO event_mappings (\(Self.mappingColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(integration_id, item_kind, item_id, instructor_id) DO UPDATE SET
                    calendar_user_id = excluded.calendar_user_id, external_id = excluded.external_id,
                    transaction_id = excluded.transaction_id, generation = excluded.generation,
                    fingerprint = excluded.fingerprint, updated_at_ms = excluded.updated_at_ms
                """,
                key.integrationId, key.itemKind.rawValue, key.itemId, key.instructorId, mapping.calendarId,
                mapping.externalId, mapping.idempotencyKey, mapping.generation, mapping.fingerprint,
                mapping.updatedAt.millisecondsSince1970)
        }
    }

    /// Removes the mapping of `key`; an unknown key is ignored.
    public func deleteMapping(for key: PushKey) throws {
        try db.run(
            "DELETE FROM event_mappings WHERE integration_id = ? AND item_kind = ? AND item_id = ? AND instructor_id = ?",
            key.integrationId, key.itemKind.rawValue, key.itemId, key.instructorId)
    }

    /// The external ids of the events CalSync pushed into one mailbox (echo suppression on pull).
    public func mappedExternalIds(integrationId: String, calendarId: String) throws -> Set<String> {
        Set(
            try db.fetchAll(
                """
                SELECT external_id FROM event_mappings
                WHERE integration_id = ? AND calendar_user_id = ? AND external_id IS NOT NULL
                """,
                integrationId, calendarId
            ) { $0.string(at: 0) })
    }

    static func mapping(from row: Statement) throws -> EventMapping {
        let key = PushKey(
            integrationId: row.string(at: 0),
            itemKind: try row.enumValue(ItemKind.self, at: 1),
            itemId: row.string(at: 2),
            instructorId: row.string(at: 3))
        return EventMapping(
            key: key,
            calendarId: row.string(at: 4),
            externalId: row.optionalString(at: 5),
            idempotencyKey: row.string(at: 6),
            generation: row.int(at: 7),
            fingerprint: row.optionalString(at: 8),
            updatedAt: row.date(at: 9))
    }
}
