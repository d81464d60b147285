import CalSyncCore
import Foundation

// MARK: - Sync state (pull state of one person's calendar)

// The table and its columns keep the names they had when Microsoft 365 was the only calendar system:
// `delta_states.delta_link` holds the cursor, `calendar_user_id` the calendar id.
extension CalSyncStore {
    static let syncStateColumns = """
        integration_id, instructor_id, calendar_user_id, delta_link, window_start_ms, window_end_ms, \
        last_success_at_ms, last_error_at_ms, last_error_code, last_error_message, deletions_accepted, \
        last_error_http_status
        """

    public func syncState(integrationId: String, instructorId: String) throws -> SyncState? {
        try db.fetchOne(
            "SELECT \(Self.syncStateColumns) FROM delta_states WHERE integration_id = ? AND instructor_id = ?",
            integrationId, instructorId
        ) { Self.syncState(from: $0) }
    }

    /// Every sync state of one integration, by instructor id.
    public func syncStates(integrationId: String) throws -> [SyncState] {
        try db.fetchAll(
            "SELECT \(Self.syncStateColumns) FROM delta_states WHERE integration_id = ? ORDER BY instructor_id",
            integrationId
        ) { Self.syncState(from: $0) }
    }

    /// Inserts or replaces the state. Throws `StoreError.notFound` when the integration or person is unknown.
    public func saveSyncState(_ state: SyncState) throws {
        try requiringParents("integration \(state.integrationId) or instructor \(state.instructorId)") {
            try db.run(
                """
                INSERT INTO delta_states (\(Self.syncStateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(integration_id, instructor_id) DO UPDATE SET
                    calendar_user_id = excluded.calendar_user_id, delta_link = excluded.delta_link,
                    window_start_ms = excluded.window_start_ms, window_end_ms = excluded.window_end_ms,
                    last_success_at_ms = excluded.last_success_at_ms, last_error_at_ms = excluded.last_error_at_ms,
                    last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message,
                    deletions_accepted = excluded.deletions_accepted,
                    last_error_http_status = excluded.last_error_http_status
                """,
                state.integrationId, state.instructorId, state.calendarId, state.cursor?.value,
                state.windowStart.millisecondsSince1970, state.windowEnd.millisecondsSince1970,
                state.lastSuccessAt?.millisecondsSince1970, state.lastErrorAt?.millisecondsSince1970,
                state.lastErrorCode, state.lastErrorMessage, state.deletionsAccepted, state.lastErrorHTTPStatus)
        }
    }

    /// An admin accepts the deletions the mass-deletion guard held for the people in scope (nil = all): their next
    /// pull applies them. Returns the (integration id, instructor id) pairs whose latest pull was held.
    @discardableResult
    public func acceptHeldDeletions(integrationId: String?, instructorId: String?) throws -> [(String, String)] {
        try db.fetchAll(
            """
            UPDATE delta_states SET deletions_accepted = 1
            WHERE last_error_code = 'mass_deletion_held'
              AND (last_success_at_ms IS NULL OR last_error_at_ms >= last_success_at_ms)
              AND (?1 IS NULL OR integration_id = ?1) AND (?2 IS NULL OR instructor_id = ?2)
            RETURNING integration_id, instructor_id
            """, integrationId, instructorId
        ) { ($0.string(at: 0), $0.string(at: 1)) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    /// Ends a round of changes atomically: applies the last page's changes; when `keeping` is non-nil (a completed full
    /// relist), removes this person's blocks whose externalId is not in it; then saves `state`. Returns how many
    /// blocks were pruned.
    ///
    /// The ids of `upserts` are always kept, even when `keeping` leaves them out. Everything happens in one
    /// IMMEDIATE transaction: a failure leaves the blocks and the previous cursor as they were.
    @discardableResult
    public func completeRound(
        _ state: SyncState, upserts: [BusyBlock], removals: [String], keeping: Set<String>?
    ) throws -> Int {
        try db.transaction(.immediate) {
            try applyBusyChangesInTransaction(
                integrationId: state.integrationId, instructorId: state.instructorId, upserts: upserts,
                removals: removals)
            var pruned = 0
            if var keeping {
                keeping.formUnion(upserts.map(\.externalId))
                let stale = try busyBlockIds(integrationId: state.integrationId, instructorId: state.instructorId)
                    .subtracting(keeping)
                let remove = try db.cachedStatement(
                    "DELETE FROM busy_blocks WHERE integration_id = ? AND instructor_id = ? AND external_id = ?")
                for externalId in stale.sorted() {
                    try remove.execute(state.integrationId, state.instructorId, externalId)
                    pruned += db.changes
                }
            }
            try saveSyncState(state)
            return pruned
        }
    }

    static func syncState(from row: Statement) -> SyncState {
        SyncState(
            integrationId: row.string(at: 0),
            instructorId: row.string(at: 1),
            calendarId: row.string(at: 2),
            cursor: row.optionalString(at: 3).map(SyncCursor.init),
            windowStart: row.date(at: 4),
            windowEnd: row.date(at: 5),
            lastSuccessAt: row.optionalDate(at: 6),
            lastErrorAt: row.optionalDate(at: 7),
            lastErrorCode: row.optionalString(at: 8),
            lastErrorMessage: row.optionalString(at: 9),
            deletionsAccepted: row.bool(at: 10),
            lastErrorHTTPStatus: row.optionalInt(at: 11))
    }
}
