import CalSyncCore
import Foundation

// MARK: - Integrations

extension CalSyncStore {
    static let integrationColumns = """
        id, name, type, status, tenant_id, client_id, client_secret, establishments_json, graph_base_url, \
        authority_host, settings_json, created_at_ms
        """

    /// Inserts or updates (by id) an integration, secret and settings included. An update keeps everything that
    /// hangs off the integration (it is an UPDATE, never a delete-and-insert that would cascade).
    public func saveIntegration(_ integration: Integration) throws {
        // Until the neutral connection's migration: the Microsoft 365 settings in their own columns (a new kind of
        // connection fails to compile here rather than being dropped).
        let connection: Microsoft365Connection =
            switch integration.connection {
            case .microsoft365(let microsoft365): microsoft365
            }
        try db.run(
            """
            INSERT INTO integrations (\(Self.integrationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                name = excluded.name, type = excluded.type, status = excluded.status,
                tenant_id = excluded.tenant_id, client_id = excluded.client_id, client_secret = excluded.client_secret,
                establishments_json = excluded.establishments_json, graph_base_url = excluded.graph_base_url,
                authority_host = excluded.authority_host, settings_json = excluded.settings_json,
                created_at_ms = excluded.created_at_ms
            """,
            integration.id, integration.name, integration.type, integration.status.rawValue, connection.tenantId,
            connection.clientId, connection.clientSecret.revealed, try JSONColumn.encode(integration.establishments),
            connection.graphBaseURL, connection.authorityHost, try JSONColumn.encode(integration.settings),
            integration.createdAt.millisecondsSince1970)
    }

    /// Every integration, oldest first (ties by id).
    public func integrations() throws -> [Integration] {
        try db.fetchAll("SELECT \(Self.integrationColumns) FROM integrations ORDER BY created_at_ms, id") {
            try Self.integration(from: $0)
        }
    }

    public func integration(id: String) throws -> Integration? {
        try db.fetchOne("SELECT \(Self.integrationColumns) FROM integrations WHERE id = ?", id) {
            try Self.integration(from: $0)
        }
    }

    /// Removes the integration with its matches, busy blocks, delta states and event mappings (by cascade).
    /// The operations log keeps its history. Unknown ids are ignored.
    public func deleteIntegration(id: String) throws {
        try db.run("DELETE FROM integrations WHERE id = ?", id)
    }

    static func integration(from row: Statement) throws -> Integration {
        Integration(
            id: row.string(at: 0),
            name: row.string(at: 1),
            status: try row.enumValue(Integration.Status.self, at: 3),
            tenantId: row.string(at: 4),
            clientId: row.string(at: 5),
            clientSecret: Secret(row.string(at: 6)),
            establishments: try JSONColumn.decode([String].self, from: row.string(at: 7), column: "establishments_json"),
            graphBaseURL: row.string(at: 8),
            authorityHost: row.string(at: 9),
            settings: try JSONColumn.decode(SyncSettings.self, from: row.string(at: 10), column: "settings_json"),
            createdAt: row.date(at: 11))
    }
}
