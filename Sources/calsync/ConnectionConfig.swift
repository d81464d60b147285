import CalSyncCore

/// The keys of one type of calendar system in a configuration file's integration, besides those every type shares
/// (`CalSyncConfiguration.IntegrationConfig`): decoded from the same object, turned into a `Connection` with its
/// credential read from the file or the environment.
protocol ConnectionConfig: Sendable, Decodable {
    associatedtype Keys: CodingKey & CaseIterable & Hashable

    /// The connection, its credential taken from `environment` when the file names a variable; `place` names the
    /// integration in errors ("integration contoso").
    func connection(environment: [String: String], place: String) throws -> Connection
    /// Where the credential comes from, for advice (never the credential itself).
    var secretSource: String { get }
    /// Refuses an endpoint that would carry a credential in clear text over a network (plain http beyond loopback),
    /// naming it under `place` ("integrations[0]").
    func checkEndpoints(place: String) throws
    /// What identifies the connection to an admin ("tenant …, client …"), for reports.
    var summary: String { get }
}

extension ConnectionConfig {
    /// `known` with this type's keys added.
    static func addingKeys(to known: KnownKeys) -> KnownKeys { known.adding(Keys.self) }

    /// The credential given in the file (`value`) or, preferably, in the environment variable it names (`variable`).
    static func credential(
        value: String?, variable: String?, valueKey: String, variableKey: String, what: String,
        environment: [String: String], place: String
    ) throws -> Secret {
        var secret = value
        if let variable {
            guard let fromEnvironment = environment[variable], !fromEnvironment.isEmpty else {
                throw ConfigurationLoader.Failure(
                    description: "\(place): environment variable \(variable) (its \(what)) is not set")
            }
            secret = fromEnvironment
        }
        guard let secret, !secret.isEmpty else {
            throw ConfigurationLoader.Failure(description: "\(place): set \(valueKey) or \(variableKey)")
        }
        return Secret(secret)
    }
}
