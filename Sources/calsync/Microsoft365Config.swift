import CalSyncCore
import CalSyncGraph

/// A Microsoft 365 integration's own keys in the configuration file.
struct Microsoft365Config: ConnectionConfig {
    var tenantId: String
    var clientId: String
    /// The secret itself, or the name of an environment variable holding it (preferred).
    var clientSecret: String?
    var clientSecretEnv: String?
    var graphBaseURL: String?
    var authorityHost: String?

    enum Keys: String, CodingKey, CaseIterable {
        case tenantId, clientId, clientSecret, clientSecretEnv, graphBaseURL, authorityHost
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        tenantId = try c.decode(String.self, forKey: .tenantId)
        clientId = try c.decode(String.self, forKey: .clientId)
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret)
        clientSecretEnv = try c.decodeIfPresent(String.self, forKey: .clientSecretEnv)
        graphBaseURL = try c.decodeIfPresent(String.self, forKey: .graphBaseURL)
        authorityHost = try c.decodeIfPresent(String.self, forKey: .authorityHost)
    }

    func connection(environment: [String: String], place: String) throws -> Connection {
        let secret = try Self.credential(
            value: clientSecret, variable: clientSecretEnv, valueKey: "clientSecret", variableKey: "clientSecretEnv",
            what: "client secret", environment: environment, place: place)
        return .microsoft365(
            Microsoft365Connection(
                tenantId: tenantId, clientId: clientId, clientSecret: secret,
                graphBaseURL: graphBaseURL ?? Microsoft365Connection.defaultServiceURL,
                authorityHost: authorityHost ?? Microsoft365Connection.defaultAuthorityHost))
    }

    func checkEndpoints(place: String) throws {
        for (field, value) in [("graphBaseURL", graphBaseURL), ("authorityHost", authorityHost)] {
            guard let value else { continue }
            do {
                _ = try GraphEndpoint.validated(value, field: "\(place).\(field)")
            } catch {
                let message = (error as? CalendarError)?.message ?? "\(place).\(field) is not a usable URL"
                throw ConfigurationLoader.Failure(description: message)
            }
        }
    }

    var secretSource: String {
        clientSecretEnv.map { "the environment variable \($0) (clientSecretEnv)" }
            ?? "clientSecret in the configuration file"
    }

    var summary: String { "tenant \(tenantId), client \(clientId)" }
}
