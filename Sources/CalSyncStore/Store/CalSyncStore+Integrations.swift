import CalSyncCore
import Foundation

// MARK: - Integrations

extension CalSyncStore {
    /// Inserts or updates (by id) an integration, secret and settings included. An update keeps everything that
    /// hangs off the integration (it is an UPDATE, never a delete-and-insert that would cascade).
    public func saveIntegration(_ integration: Integration) throws {
        try db.run(
            """
            INSERT INTO integrations (\(IntegrationRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                name = excluded.name, type = excluded.type, status = excluded.status,
                connection_json = excluded.connection_json, secret = excluded.secret,
                establishments_json = excluded.establishments_json, settings_json = excluded.settings_json,
                created_at_ms = excluded.created_at_ms
            """,
            arguments: try IntegrationRow.arguments(for: integration, sealer: sealer))
    }

    /// Every integration, oldest first (ties by id).
    public func integrations() throws -> [Integration] {
        try db.fetchAll("SELECT \(IntegrationRow.columns) FROM integrations ORDER BY created_at_ms, id") {
            try IntegrationRow.integration(from: $0, sealer: sealer)
        }
    }

    public func integration(id: String) throws -> Integration? {
        try db.fetchOne("SELECT \(IntegrationRow.columns) FROM integrations WHERE id = ?", id) {
            try IntegrationRow.integration(from: $0, sealer: sealer)
        }
    }

    /// Removes the integration with its matches, busy blocks, delta states and event mappings (by cascade).
    /// The operations log keeps its history. Unknown ids are ignored.
    public func deleteIntegration(id: String) throws {
        try db.run("DELETE FROM integrations WHERE id = ?", id)
    }
}
