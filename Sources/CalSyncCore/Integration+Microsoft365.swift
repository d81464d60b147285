import Foundation

extension Integration {
    /// A Microsoft 365 integration (the shape every integration had before other calendar systems).
    public init(
        id: String, name: String, status: Status = .active, tenantId: String, clientId: String, clientSecret: Secret,
        establishments: [String] = [], graphBaseURL: String = Microsoft365Connection.defaultServiceURL,
        authorityHost: String = Microsoft365Connection.defaultAuthorityHost, settings: SyncSettings = SyncSettings(),
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.init(
            id: id, name: name, status: status,
            connection: .microsoft365(
                Microsoft365Connection(
                    tenantId: tenantId, clientId: clientId, clientSecret: clientSecret, graphBaseURL: graphBaseURL,
                    authorityHost: authorityHost)),
            establishments: establishments, settings: settings, createdAt: createdAt)
    }
}
