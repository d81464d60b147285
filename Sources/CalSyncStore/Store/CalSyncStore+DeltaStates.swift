import CalSyncCore
import Foundation

// MARK: - Delta state (pull state of one person's calendar)

extension CalSyncStore {
    static let deltaStateColumns = """
        integration_id, instructor_id, calendar_user_id, delta_link, window_start_ms, window_end_ms, \
        last_success_at_ms, last_error_at_ms, last_error_code, last_error_message, deletions_accepted, \
        last_error_http_status
        """

    public func deltaState(integrationId: String, instructorId: String) throws -> DeltaState? {
        try db.fetchOne(
            "SELECT \(Self.deltaStateColumns) FROM delta_states WHERE integration_id = ? AND instructor_id = ?",
            integrationId, instructorId
        ) { Self.deltaState(from: $0) }
    }

    /// Every delta state of one integration, by instructor id.
    public func deltaStates(integrationId: String) throws -> [DeltaState] {
        try db.fetchAll(
            "SELECT \(Self.deltaStateColumns) FROM delta_states WHERE integration_id = ? ORDER BY instructor_id",
            integrationId
        ) { Self.deltaState(from: $0) }
    }

    /// Inserts or replaces the state. Throws `StoreError.notFound` when the integration or person is unknown.
    public func saveDeltaState(_ state: DeltaState) throws {
        try requiringParents("integration \(state.integrationId) or instructor \(state.instructorId)") {
            try db.run(
                """
                INSERT INTO delta_states (\(Self.deltaStateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(integration_id, instructor_id) DO UPDATE SET
                    calendar_user_id = excluded.calendar_user_id, delta_link = excluded.delta_link,
                    window_start_ms = excluded.window_start_ms, window_end_ms = excluded.window_end_ms,
                    last_success_at_ms = excluded.last_success_at_ms, last_error_at_ms = excluded.last_error_at_ms,
                    last_error_code = excluded.last_error_code, last_error_message = excluded.last_error_message,
                    deletions_accepted = excluded.deletions_accepted,
                    last_error_http_status = excluded.last_error_http_status
                """,
                state.integrationId, state.instructorId, state.calendarUserId, state.deltaLink,
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

    /// Ends a delta round atomically: applies the last page's changes; when `keeping` is non-nil (a completed full
    /// relist), removes this person's blocks whose externalId is not in it; then saves `state`. Returns how many
    /// blocks were pruned.
    ///
    /// The ids of `upserts` are always kept, even when `keeping` leaves them out. Everything happens in one
    /// IMMEDIATE transaction: a failure leaves the blocks and the previous delta link as they were.
    @discardableResult
    public func completeDeltaRound(
        _ state: DeltaState, upserts: [BusyBlock], removals: [String], keeping: Set<String>?
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
            try saveDeltaState(state)
            return pruned
        }
    }

    static func deltaState(from row: Statement) -> DeltaState {
        DeltaState(
            integrationId: row.string(at: 0),
            instructorId: row.string(at: 1),
            calendarUserId: row.string(at: 2),
            deltaLink: row.optionalString(at: 3),
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
