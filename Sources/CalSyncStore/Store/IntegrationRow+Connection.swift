import CalSyncCore

/// `connection_json`: one shape per type of calendar system, every field but the credential (that is `secret`).
extension IntegrationRow {
    struct Microsoft365Fields: Codable, Equatable {
        var tenantId: String
        var clientId: String
        var graphBaseURL: String
        var authorityHost: String
    }

    struct ExchangeFields: Codable, Equatable {
        var ewsURL: String
        var username: String
        var authScheme: ExchangeConnection.AuthScheme
        var caFile: String?
        /// Absent in rows written before they could be set: the defaults.
        var serverVersion: String?
        var inFlightLimit: Int?
    }

    struct GoogleFields: Codable, Equatable {
        var serviceAccount: ServiceAccountIdentity
        var adminEmail: String?
        var googleBaseURL: String
    }

    static func connectionJSON(_ connection: Connection) throws -> String {
        switch connection {
        case .microsoft365(let connection):
            try JSONColumn.encode(
                Microsoft365Fields(
                    tenantId: connection.tenantId, clientId: connection.clientId,
                    graphBaseURL: connection.graphBaseURL, authorityHost: connection.authorityHost))
        case .exchange(let connection):
            try JSONColumn.encode(
                ExchangeFields(
                    ewsURL: connection.ewsURL, username: connection.username, authScheme: connection.authScheme,
                    caFile: connection.caFile, serverVersion: connection.serverVersion,
                    inFlightLimit: connection.inFlightLimit))
        case .google(let connection):
            try JSONColumn.encode(
                GoogleFields(
                    serviceAccount: connection.serviceAccount, adminEmail: connection.adminEmail,
                    googleBaseURL: connection.googleBaseURL))
        }
    }

    static func connection(type: String, json: String, secret: Secret) throws -> Connection {
        switch type {
        case Microsoft365Connection.type:
            let fields = try JSONColumn.decode(Microsoft365Fields.self, from: json, column: "connection_json")
            return .microsoft365(
                Microsoft365Connection(
                    tenantId: fields.tenantId, clientId: fields.clientId, clientSecret: secret,
                    graphBaseURL: fields.graphBaseURL, authorityHost: fields.authorityHost))
        case ExchangeConnection.type:
            let fields = try JSONColumn.decode(ExchangeFields.self, from: json, column: "connection_json")
            return .exchange(
                ExchangeConnection(
                    ewsURL: fields.ewsURL, username: fields.username, password: secret,
                    authScheme: fields.authScheme, caFile: fields.caFile,
                    serverVersion: fields.serverVersion ?? ExchangeConnection.defaultServerVersion,
                    inFlightLimit: fields.inFlightLimit ?? ExchangeConnection.defaultInFlightLimit))
        case GoogleConnection.type:
            let fields = try JSONColumn.decode(GoogleFields.self, from: json, column: "connection_json")
            return .google(
                GoogleConnection(
                    serviceAccountKey: secret, serviceAccount: fields.serviceAccount,
                    adminEmail: fields.adminEmail, googleBaseURL: fields.googleBaseURL))
        default:
            throw StoreError.corruptValue("type has unknown value \"\(type)\"")
        }
    }
}
