import CalSyncCore
import Foundation

/// How an `Integration` is stored in its `integrations` row (since 012-neutral-connection): the columns every type of
/// calendar system shares, the connection's non-secret fields as `connection_json` (one shape per type) and its
/// credential as `secret`. The one place that maps an integration to its row and back.
enum IntegrationRow {
    /// The columns `arguments(for:)` binds and `integration(from:)` reads, in that order.
    static let columns = """
        id, name, type, status, connection_json, secret, establishments_json, settings_json, created_at_ms
        """

    /// `connection_json` of a Microsoft 365 integration (its client secret is in `secret`).
    struct Microsoft365Fields: Codable, Equatable {
        var tenantId: String
        var clientId: String
        var graphBaseURL: String
        var authorityHost: String
    }

    /// The values of `columns` for an integration.
    static func arguments(for integration: Integration) throws -> [any SQLiteBindable] {
        let fields: Microsoft365Fields
        switch integration.connection {
        case .microsoft365(let connection):
            fields = Microsoft365Fields(
                tenantId: connection.tenantId, clientId: connection.clientId, graphBaseURL: connection.graphBaseURL,
                authorityHost: connection.authorityHost)
        }
        return [
            integration.id, integration.name, integration.type, integration.status.rawValue,
            try JSONColumn.encode(fields), integration.connection.secret.revealed,
            try JSONColumn.encode(integration.establishments), try JSONColumn.encode(integration.settings),
            integration.createdAt.millisecondsSince1970,
        ]
    }

    /// The integration a row read with `columns` holds.
    static func integration(from row: Statement) throws -> Integration {
        let type = row.string(at: 2)
        let connection: Connection
        switch type {
        case Microsoft365Connection.type:
            let fields = try JSONColumn.decode(Microsoft365Fields.self, from: row.string(at: 4), column: "connection_json")
            connection = .microsoft365(
                Microsoft365Connection(
                    tenantId: fields.tenantId, clientId: fields.clientId, clientSecret: Secret(row.string(at: 5)),
                    graphBaseURL: fields.graphBaseURL, authorityHost: fields.authorityHost))
        default:
            throw StoreError.corruptValue("\(row.columnName(at: 2)) has unknown value \"\(type)\"")
        }
        return Integration(
            id: row.string(at: 0),
            name: row.string(at: 1),
            status: try row.enumValue(Integration.Status.self, at: 3),
            connection: connection,
            establishments: try JSONColumn.decode([String].self, from: row.string(at: 6), column: "establishments_json"),
            settings: try JSONColumn.decode(SyncSettings.self, from: row.string(at: 7), column: "settings_json"),
            createdAt: row.date(at: 8))
    }
}
