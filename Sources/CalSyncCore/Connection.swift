/// How CalSync reaches one calendar system: one case per kind of system, each with its own settings and secret.
/// Neutral code never switches on it: only the provider registry and the API's and configuration's input and
/// output do.
public enum Connection: Sendable, Hashable, Codable {
    case microsoft365(Microsoft365Connection)

    /// The type's name in the API and the configuration file.
    public var type: String {
        switch self {
        case .microsoft365: Microsoft365Connection.type
        }
    }

    /// The connection's secret (never logged, never answered).
    public var secret: Secret {
        switch self {
        case .microsoft365(let microsoft365): microsoft365.clientSecret
        }
    }

    /// The Microsoft 365 settings, when it is one.
    public var microsoft365: Microsoft365Connection? {
        switch self {
        case .microsoft365(let connection): connection
        }
    }
}

extension Connection {
    /// The same connection with another secret (an admin replaced it).
    public func replacingSecret(_ secret: Secret) -> Connection {
        switch self {
        case .microsoft365(var microsoft365):
            microsoft365.clientSecret = secret
            return .microsoft365(microsoft365)
        }
    }
}
