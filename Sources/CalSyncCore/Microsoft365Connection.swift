/// A Microsoft 365 tenant reached with an app registration's client credentials.
public struct Microsoft365Connection: Sendable, Hashable, Codable {
    /// The connection type's name.
    public static let type = "microsoft365"
    public static let defaultServiceURL = "https://graph.microsoft.com/v1.0"
    public static let defaultAuthorityHost = "https://login.microsoftonline.com"

    public var tenantId: String
    public var clientId: String
    public var clientSecret: Secret
    /// The calendar service's base URL, e.g. `https://graph.microsoft.com/v1.0` (national clouds and the emulator
    /// differ).
    public var graphBaseURL: String
    /// The sign-in host, e.g. `https://login.microsoftonline.com`.
    public var authorityHost: String

    public init(
        tenantId: String, clientId: String, clientSecret: Secret,
        graphBaseURL: String = Microsoft365Connection.defaultServiceURL,
        authorityHost: String = Microsoft365Connection.defaultAuthorityHost
    ) {
        self.tenantId = tenantId
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.graphBaseURL = graphBaseURL
        self.authorityHost = authorityHost
    }
}
