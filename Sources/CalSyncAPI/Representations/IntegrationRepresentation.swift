import CalSyncCore
import Foundation

/// An integration as the API shows it (docs/api.md, "Integrations"). The client secret is write-only: only
/// `clientSecretSet` says one is stored. Beyond the contract's fields, admins also see `tenantId`, `clientId` and
/// `purgeRequestedAt` (non-null while the integration waits, inactive, for its pushed events to be deleted).
enum IntegrationRepresentation {
    static func json(_ integration: Integration, purgeRequestedAt: Date?) -> [String: Any] {
        var json: [String: Any] = [
            "id": integration.id,
            "name": integration.name,
            "type": integration.type,
            "status": integration.status.rawValue,
            "clientSecretSet": !integration.connection.secret.isEmpty,
            "establishments": integration.establishments,
            "settings": SettingsInput.json(integration.settings),
            "createdAt": integration.createdAt,
            "purgeRequestedAt": purgeRequestedAt as Any,
        ]
        switch integration.connection {
        case .microsoft365(let connection):
            json["tenantId"] = connection.tenantId
            json["clientId"] = connection.clientId
            json["graphBaseURL"] = connection.graphBaseURL
            json["authorityHost"] = connection.authorityHost
        case .exchange(let connection):
            json["ewsURL"] = connection.ewsURL
            json["username"] = connection.username
            json["authScheme"] = connection.authScheme.rawValue
            json["caFile"] = connection.caFile as Any
            json["serverVersion"] = connection.serverVersion
            json["inFlightLimit"] = connection.inFlightLimit
        case .google(let connection):
            json["googleBaseURL"] = connection.googleBaseURL
            json["adminEmail"] = connection.adminEmail as Any
            json["serviceAccount"] = [
                "clientEmail": connection.serviceAccount.clientEmail,
                "clientId": connection.serviceAccount.clientId,
                "privateKeyId": connection.serviceAccount.privateKeyId as Any,
                "tokenURI": connection.serviceAccount.tokenURI,
            ]
        }
        return json
    }

    /// The paging key of the list: creation order, then id (the store's order).
    static func pagingKey(_ integration: Integration) -> String {
        let ms = Int64((integration.createdAt.timeIntervalSince1970 * 1000).rounded())
        return String(format: "%015lld", max(0, ms)) + "|" + integration.id
    }
}
