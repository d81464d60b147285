import CalSyncCore
import Foundation

/// How an `Integration` is stored in its `integrations` row (since 012-neutral-connection): the columns every type of
/// calendar system shares, the connection's non-secret fields as `connection_json` (one shape per type) and its
/// credential as `secret` (sealed by the store's `CredentialSealer` when it has a key). The one place that maps an
/// integration to its row and back.
enum IntegrationRow {
    /// The columns `arguments(for:)` binds and `integration(from:)` reads, in that order.
    static let columns = """
        id, name, type, status, connection_json, secret, establishments_json, settings_json, created_at_ms
        """

    /// The values of `columns` for an integration, its credential sealed when `sealer` is given.
    static func arguments(for integration: Integration, sealer: CredentialSealer?) throws -> [any SQLiteBindable] {
        [
            integration.id, integration.name, integration.type, integration.status.rawValue,
            try connectionJSON(integration.connection),
            try CredentialSealer.stored(integration.connection.secret, place: secretPlace(integration.id), sealer: sealer),
            try JSONColumn.encode(integration.establishments), try JSONColumn.encode(integration.settings),
            integration.createdAt.millisecondsSince1970,
        ]
    }

    /// The integration a row read with `columns` holds; a credential `sealer` cannot open is an unreadable secret.
    static func integration(from row: Statement, sealer: CredentialSealer?) throws -> Integration {
        let id = row.string(at: 0)
        let secret = CredentialSealer.secret(stored: row.string(at: 5), place: secretPlace(id), sealer: sealer)
        let connection = try connection(type: row.string(at: 2), json: row.string(at: 4), secret: secret)
        return Integration(
            id: id,
            name: row.string(at: 1),
            status: try row.enumValue(Integration.Status.self, at: 3),
            connection: connection,
            establishments: try JSONColumn.decode([String].self, from: row.string(at: 6), column: "establishments_json"),
            settings: try JSONColumn.decode(SyncSettings.self, from: row.string(at: 7), column: "settings_json"),
            createdAt: row.date(at: 8))
    }

    /// The associated data a credential is sealed with: its column and its row, so it opens nowhere else.
    static func secretPlace(_ integrationId: String) -> String { "integrations.secret:" + integrationId }
}
