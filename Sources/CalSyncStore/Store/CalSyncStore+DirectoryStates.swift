import CalSyncCore
import Foundation

// MARK: - Directory state (how an integration's token and directory reads went)

extension CalSyncStore {
    public func directoryState(integrationId: String) throws -> DirectoryState? {
        try db.fetchOne(
            """
            SELECT integration_id, last_success_at_ms, last_error_at_ms, last_error_code, last_error_http_status,
                   last_error_message
            FROM directory_states WHERE integration_id = ?
            """, integrationId
        ) { row in
            DirectoryState(
                integrationId: row.string(at: 0), lastSuccessAt: row.optionalDate(at: 1), lastErrorAt: row.optionalDate(at: 2),
                lastErrorCode: row.optionalString(at: 3), lastErrorHTTPStatus: row.optionalInt(at: 4),
                lastErrorMessage: row.optionalString(at: 5))
        }
    }

    /// Records a successful directory read at `at`; the last error stays, older than it.
    public func recordDirectorySuccess(integrationId: String, at: Date) throws {
        try requiringParents("integration \(integrationId)") {
            try db.run(
                """
                INSERT INTO directory_states (integration_id, last_success_at_ms) VALUES (?, ?)
                ON CONFLICT(integration_id) DO UPDATE SET last_success_at_ms = excluded.last_success_at_ms
                """, integrationId, at.millisecondsSince1970)
        }
    }

    /// Records a failed directory read (the token refused, `/users` failing) at `at`.
    public func recordDirectoryFailure(integrationId: String, at: Date, code: String?, httpStatus: Int?, message: String)
        throws
    {
        try requiringParents("integration \(integrationId)") {
            try db.run(
                """
                INSERT INTO directory_states (integration_id, last_error_at_ms, last_error_code, last_error_http_status,
                                              last_error_message)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(integration_id) DO UPDATE SET
                    last_error_at_ms = excluded.last_error_at_ms, last_error_code = excluded.last_error_code,
                    last_error_http_status = excluded.last_error_http_status,
                    last_error_message = excluded.last_error_message
                """, integrationId, at.millisecondsSince1970, code, httpStatus, message)
        }
    }
}
