/// How CalSync reaches one calendar system: one case per kind of system, each with its own settings and secret.
/// Neutral code never switches on it: only the provider registry and the API's and configuration's input and
/// output do.
public enum Connection: Sendable, Hashable, Codable {
    case microsoft365(Microsoft365Connection)
    case exchange(ExchangeConnection)
    case google(GoogleConnection)

    /// The type's name in the API and the configuration file.
    public var type: String {
        switch self {
        case .microsoft365: Microsoft365Connection.type
        case .exchange: ExchangeConnection.type
        case .google: GoogleConnection.type
        }
    }

    /// The connection's secret (never logged, never answered): a client secret, a password or a key file.
    public var secret: Secret {
        switch self {
        case .microsoft365(let microsoft365): microsoft365.clientSecret
        case .exchange(let exchange): exchange.password
        case .google(let google): google.serviceAccountKey
        }
    }

    /// The Microsoft 365 settings, when it is one.
    public var microsoft365: Microsoft365Connection? {
        if case .microsoft365(let connection) = self { connection } else { nil }
    }

    /// The Exchange Server settings, when it is one.
    public var exchange: ExchangeConnection? {
        if case .exchange(let connection) = self { connection } else { nil }
    }

    /// The Google Workspace settings, when it is one.
    public var google: GoogleConnection? {
        if case .google(let connection) = self { connection } else { nil }
    }
}

extension Connection {
    /// The same connection with another secret (an admin replaced it). A Google key file also carries the identity
    /// shown to admins: replace it with `.google(…)` as a whole instead.
    public func replacingSecret(_ secret: Secret) -> Connection {
        switch self {
        case .microsoft365(var microsoft365):
            microsoft365.clientSecret = secret
            return .microsoft365(microsoft365)
        case .exchange(var exchange):
            exchange.password = secret
            return .exchange(exchange)
        case .google(var google):
            google.serviceAccountKey = secret
            return .google(google)
        }
    }
}
