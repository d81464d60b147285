import CalSyncCore
import Foundation

/// An Exchange Server integration's own keys in the configuration file: the EWS URL, the service account and its
/// password (`passwordEnv`, the name of an environment variable, preferred over `password`), and optionally the
/// logon scheme, a CA file, the EWS schema version and the account's in-flight limit.
struct ExchangeConfig: ConnectionConfig {
    var ewsURL: String
    var username: String
    var password: String?
    var passwordEnv: String?
    var authScheme: ExchangeConnection.AuthScheme?
    var caFile: String?
    var serverVersion: String?
    var inFlightLimit: Int?

    enum Keys: String, CodingKey, CaseIterable {
        case ewsURL, username, password, passwordEnv, authScheme, caFile, serverVersion, inFlightLimit
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        ewsURL = try c.decode(String.self, forKey: .ewsURL)
        username = try c.decode(String.self, forKey: .username)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        passwordEnv = try c.decodeIfPresent(String.self, forKey: .passwordEnv)
        if let scheme = try c.decodeIfPresent(String.self, forKey: .authScheme) {
            guard let value = ExchangeConnection.AuthScheme(rawValue: scheme) else {
                let place = UnknownConfigurationKey.keyPath(decoder.codingPath)
                throw ConfigurationLoader.Failure(description: "\(place).authScheme must be ntlm or basic")
            }
            authScheme = value
        }
        caFile = try c.decodeIfPresent(String.self, forKey: .caFile)
        serverVersion = try c.decodeIfPresent(String.self, forKey: .serverVersion)
        inFlightLimit = try c.decodeIfPresent(Int.self, forKey: .inFlightLimit)
    }

    func connection(environment: [String: String], place: String) throws -> Connection {
        let secret = try Self.credential(
            value: password, variable: passwordEnv, valueKey: "password", variableKey: "passwordEnv",
            what: "service account's password", environment: environment, place: place)
        return .exchange(
            ExchangeConnection(
                ewsURL: ewsURL, username: username, password: secret, authScheme: authScheme ?? .ntlm, caFile: caFile,
                serverVersion: serverVersion ?? ExchangeConnection.defaultServerVersion,
                inFlightLimit: inFlightLimit ?? ExchangeConnection.defaultInFlightLimit))
    }

    /// The EWS URL (https, or http to a loopback host), and the other settings the adapter would refuse.
    func checkEndpoints(place: String) throws {
        guard let url = URL(string: ewsURL), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw ConfigurationLoader.Failure(description: "\(place).ewsURL must be an absolute https:// URL")
        }
        guard scheme == "https" || (scheme == "http" && LoopbackHost.contains(host)) else {
            throw ConfigurationLoader.Failure(
                description: "\(place).ewsURL must use https:// (plain http:// only to a loopback host)")
        }
        if let caFile, !caFile.hasPrefix("/") {
            throw ConfigurationLoader.Failure(description: "\(place).caFile must be an absolute path")
        }
        if let inFlightLimit, !(1...100).contains(inFlightLimit) {
            throw ConfigurationLoader.Failure(description: "\(place).inFlightLimit must be between 1 and 100")
        }
        if let serverVersion, !ExchangeConnection.isServerVersion(serverVersion) {
            throw ConfigurationLoader.Failure(
                description: "\(place).serverVersion must be Exchange2013, Exchange2013_SP1 (the default), Exchange2016 "
                    + "or a dated version such as V2017_07_11")
        }
        if username.isEmpty { throw ConfigurationLoader.Failure(description: "\(place).username is empty") }
    }

    var secretSource: String {
        passwordEnv.map { "the environment variable \($0) (passwordEnv)" } ?? "password in the configuration file"
    }

    var summary: String { "EWS \(ewsURL), \((authScheme ?? .ntlm).rawValue) logon as \(username)" }
}
