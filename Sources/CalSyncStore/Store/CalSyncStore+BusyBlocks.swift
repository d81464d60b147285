import CalSyncCore
import Foundation

// MARK: - Busy blocks (keyed by integrationId + instructorId + externalId)

extension CalSyncStore {
    /// Applies one batch of pull changes for one person in one transaction: `removals` (external ids) first, then
    /// `upserts`, so an id in both lists stays busy (availability fails closed). Every upsert must belong to
    /// this integration and person (`StoreError.invalidArgument` otherwise); both must be known to the store
    /// (`StoreError.notFound` otherwise).
    public func applyBusyChanges(
        integrationId: String, instructorId: String, upserts: [BusyBlock], removals: [String]
    ) throws {
        try db.transaction(.immediate) {
            try applyBusyChangesInTransaction(
                integrationId: integrationId, instructorId: instructorId, upserts: upserts, removals: removals)
        }
    }

    /// A person's busy blocks in every integration, by start (then end, integration, external id); with a
    /// range, only those overlapping it (half-open: touching ends do not overlap).
    ///
    /// The hot path of the availability endpoint: one cached statement over a covering index
    /// (`busy_blocks_by_instructor_start`), no table reads.
    public func busyBlocks(instructorId: String, overlapping range: TimeRange? = nil) throws -> [BusyBlock] {
        if let range {
            return try db.fetchAll(
                """
                SELECT integration_id, instructor_id, external_id, start_ms, end_ms, show_as, is_all_day
                FROM busy_blocks WHERE instructor_id = ? AND start_ms < ? AND end_ms > ?
                ORDER BY start_ms, end_ms, integration_id, external_id
                """,
                instructorId, range.end.millisecondsSince1970, range.start.millisecondsSince1970
            ) { try Self.busyBlock(from: $0) }
        }
        return try db.fetchAll(
            """
            SELECT integration_id, instructor_id, external_id, start_ms, end_ms, show_as, is_all_day
            FROM busy_blocks WHERE instructor_id = ?
            ORDER BY start_ms, end_ms, integration_id, external_id
            """,
            instructorId
        ) { try Self.busyBlock(from: $0) }
    }

    /// The external ids of one person's blocks in one integration.
    public func busyBlockIds(integrationId: String, instructorId: String) throws -> Set<String> {
        Set(
            try db.fetchAll(
                "SELECT external_id FROM busy_blocks WHERE integration_id = ? AND instructor_id = ?",
                integrationId, instructorId
            ) { $0.string(at: 0) })
    }

    /// How many blocks one person has in one integration.
    public func busyBlockCount(integrationId: String, instructorId: String) throws -> Int {
        try db.fetchOne(
            "SELECT count(*) FROM busy_blocks WHERE integration_id = ? AND instructor_id = ?",
            integrationId, instructorId
        ) { $0.int(at: 0) } ?? 0
    }

    func applyBusyChangesInTransaction(
        integrationId: String, instructorId: String, upserts: [BusyBlock], removals: [String]
    ) throws {
        if let stray = upserts.first(where: { $0.integrationId != integrationId || $0.instructorId != instructorId }) {
            throw StoreError.invalidArgument(
                "busy block \(stray.externalId) belongs to \(stray.integrationId)/\(stray.instructorId), "
                    + "not \(integrationId)/\(instructorId)")
        }
        let remove = try db.cachedStatement(
            "DELETE FROM busy_blocks WHERE integration_id = ? AND instructor_id = ? AND external_id = ?")
        for externalId in removals {
            try remove.execute(integrationId, instructorId, externalId)
        }
        let upsert = try db.cachedStatement(
            """
            INSERT INTO busy_blocks (integration_id, instructor_id, external_id, start_ms, end_ms, show_as, is_all_day)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(integration_id, instructor_id, external_id) DO UPDATE SET
                start_ms = excluded.start_ms, end_ms = excluded.end_ms, show_as = excluded.show_as,
                is_all_day = excluded.is_all_day
            """)
        try requiringParents("integration \(integrationId) or instructor \(instructorId)") {
            for block in upserts {
                try upsert.execute(
                    integrationId, instructorId, block.externalId, block.start.millisecondsSince1970,
                    block.end.millisecondsSince1970, block.showAs.rawValue, block.isAllDay)
            }
        }
    }

    static func busyBlock(from row: Statement) throws -> BusyBlock {
        BusyBlock(
            integrationId: row.string(at: 0),
            instructorId: row.string(at: 1),
            externalId: row.string(at: 2),
            start: row.date(at: 3),
            end: row.date(at: 4),
            showAs: try row.enumValue(ShowAs.self, at: 5),
            isAllDay: row.bool(at: 6))
    }
}
