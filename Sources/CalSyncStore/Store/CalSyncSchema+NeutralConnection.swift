// MARK: - 012-neutral-connection

extension CalSyncSchema {
    /// One `integrations` table for every type of calendar system: the columns each type shares, the connection's
    /// non-secret fields as `connection_json` (each type its own; `IntegrationRow` maps them) and its credential as
    /// `secret`. Microsoft 365 rows are filled in place from the old columns (`tenant_id`, `client_id`,
    /// `graph_base_url`, `authority_host`, `client_secret`), which go. SQLite cannot drop those columns while other
    /// tables reference the table, so it is rebuilt (SQLite's procedure: new table, copy, drop, rename) with foreign
    /// keys paused: every row referencing an integration (matches, busy blocks, delta states with their cursors,
    /// mappings, directory states) stays as it is and still references it.
    static let neutralConnection = """
        CREATE TABLE integrations_012 (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            connection_json TEXT NOT NULL DEFAULT '{}',
            secret TEXT NOT NULL,
            establishments_json TEXT NOT NULL DEFAULT '[]',
            settings_json TEXT NOT NULL DEFAULT '{}',
            created_at_ms INTEGER NOT NULL,
            purge_requested_at_ms INTEGER
        );
        INSERT INTO integrations_012 (
            id, name, type, status, connection_json, secret, establishments_json, settings_json, created_at_ms,
            purge_requested_at_ms)
        SELECT id, name, type, status,
            json_object(
                'authorityHost', authority_host, 'clientId', client_id, 'graphBaseURL', graph_base_url,
                'tenantId', tenant_id),
            client_secret, establishments_json, settings_json, created_at_ms, purge_requested_at_ms
        FROM integrations;
        DROP TABLE integrations;
        ALTER TABLE integrations_012 RENAME TO integrations;
        """
}
