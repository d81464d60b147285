import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import Foundation

/// Reads the configuration file and the `CALSYNC_*` environment, with precise errors.
enum ConfigurationLoader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> CalSyncConfiguration
    {
        var configuration = CalSyncConfiguration()
        if let path = path ?? environment["CALSYNC_CONFIG"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Failure(description: "cannot read the configuration file \(path)")
            }
            do {
                configuration = try JSONDecoder().decode(CalSyncConfiguration.self, from: data)
            } catch let error as UnknownConfigurationKey {
                throw Failure(description: "\(path): \(error)")
            } catch let error as DecodingError {
                throw Failure(description: "the configuration file \(path) is not valid: \(describe(error))")
            }
        }
        if let database = environment["CALSYNC_DATABASE"], !database.isEmpty { configuration.database = database }
        if let listen = environment["CALSYNC_LISTEN"], !listen.isEmpty { configuration.listen = listen }
        if let interval = environment["CALSYNC_SYNC_INTERVAL_SECONDS"] {
            guard let seconds = Int(interval), seconds >= 1 else {
                throw Failure(description: "CALSYNC_SYNC_INTERVAL_SECONDS must be a whole number of seconds ≥ 1, not \(interval)")
            }
            configuration.syncIntervalSeconds = seconds
        }
        guard configuration.syncIntervalSeconds >= 1 else {
            throw Failure(description: "syncIntervalSeconds must be ≥ 1")
        }
        _ = try listenAddress(configuration.listen)
        try checkConnectionLimits(configuration)
        return configuration
    }

    /// The caps on HTTP connections: whole numbers, exemptions that are IP addresses or CIDR prefixes.
    static func checkConnectionLimits(_ configuration: CalSyncConfiguration) throws {
        if let cap = configuration.maxConnections, cap < 1 {
            throw Failure(description: "maxConnections must be ≥ 1 (leave it out for a cap that follows the descriptor limit)")
        }
        guard configuration.maxConnectionsPerAddress >= 0 else {
            throw Failure(description: "maxConnectionsPerAddress must be ≥ 0 (0: no cap per address)")
        }
        for entry in configuration.maxConnectionsPerAddressExempt where AddressPrefix(entry) == nil {
            throw Failure(
                description: "maxConnectionsPerAddressExempt: \"\(entry)\" is not an IP address or CIDR prefix "
                    + "(10.0.0.5, 10.0.0.0/8, fd00::/8)")
        }
    }

    /// The HTTP server's settings for `serve`: the listen address and the connection caps. Make it after
    /// `FileDescriptorLimit.raiseSoftLimit()`: the default cap follows the limit in force.
    static func serverConfiguration(_ configuration: CalSyncConfiguration) throws -> HTTPServerConfiguration {
        var server = HTTPServerConfiguration()
        (server.host, server.port) = try listenAddress(configuration.listen)
        if let cap = configuration.maxConnections { server.maxConnections = cap }
        server.maxConnectionsPerAddress = configuration.maxConnectionsPerAddress
        let loopback = AddressPrefix.loopback.map(\.description)
        server.maxConnectionsPerAddressExempt = loopback + configuration.maxConnectionsPerAddressExempt
        return server
    }

    /// Splits `host:port` (`[::1]:8080` for IPv6).
    static func listenAddress(_ text: String) throws -> (host: String, port: Int) {
        let host: String
        let portText: String
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = String(text[text.index(after: close)...].dropFirst())
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        } else {
            throw Failure(description: "listen address \(text) must be host:port, e.g. 127.0.0.1:8080")
        }
        guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty else {
            throw Failure(description: "listen address \(text) must be host:port with a port from 0 to 65535")
        }
        return (host, port)
    }

    /// `host:port`, an IPv6 host in brackets (`[::1]:8080`): the form `listenAddress` reads.
    static func address(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = UnknownConfigurationKey.keyPath(context.codingPath)
            return p.isEmpty ? "" : " at \(p)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(key.stringValue)\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }

    /// The model objects declared in the file, validated.
    static func declaredIntegrations(_ configuration: CalSyncConfiguration, environment: [String: String]) throws -> [Integration] {
        try configuration.integrations.map { try declaredIntegration($0, environment: environment) }
    }

    /// One integration declared in the file, its secret read from the environment when `clientSecretEnv` names it.
    static func declaredIntegration(_ item: CalSyncConfiguration.IntegrationConfig, environment: [String: String]) throws
        -> Integration
    {
        var secret = item.clientSecret
        if let name = item.clientSecretEnv {
            guard let value = environment[name], !value.isEmpty else {
                throw Failure(description: "integration \(item.id): environment variable \(name) (its client secret) is not set")
            }
            secret = value
        }
        guard let secret, !secret.isEmpty else {
            throw Failure(description: "integration \(item.id): set clientSecret or clientSecretEnv")
        }
        if let settings = item.settings, let problem = SettingsRules.problem(in: settings) {
            throw Failure(description: "integration \(item.id): \(problem)")
        }
        return Integration(id: item.id, name: item.name, tenantId: item.tenantId, clientId: item.clientId,
                           clientSecret: Secret(secret), establishments: item.establishments ?? [],
                           graphBaseURL: item.graphBaseURL ?? Integration.defaultGraphBaseURL,
                           authorityHost: item.authorityHost ?? Integration.defaultAuthorityHost,
                           settings: item.settings ?? SyncSettings(), createdAt: Date())
    }

    /// Where a declared integration's secret comes from, for advice (never the secret itself).
    static func secretSource(_ item: CalSyncConfiguration.IntegrationConfig) -> String {
        item.clientSecretEnv.map { "the environment variable \($0) (clientSecretEnv)" } ?? "clientSecret in the configuration file"
    }

    /// API tokens from the file and from CALSYNC_{ADMIN,SCHEDULER,READER}_TOKEN.
    static func tokens(_ configuration: CalSyncConfiguration, environment: [String: String]) throws -> [Authenticator.Token] {
        var tokens: [Authenticator.Token] = []
        for (index, item) in configuration.tokens.enumerated() {
            guard let role = Role(rawValue: item.role) else {
                throw Failure(description: "tokens[\(index)]: role must be reader, scheduler or admin")
            }
            var value = item.token
            if let name = item.tokenEnv {
                guard let fromEnvironment = environment[name], !fromEnvironment.isEmpty else {
                    throw Failure(description: "tokens[\(index)]: environment variable \(name) is not set")
                }
                value = fromEnvironment
            }
            guard let value, value.count >= 16 else {
                throw Failure(description: "tokens[\(index)]: a token must have at least 16 characters")
            }
            tokens.append(.init(Secret(value), role: role))
        }
        for role in Role.allCases {
            let name = "CALSYNC_\(role.rawValue.uppercased())_TOKEN"
            guard let value = environment[name], !value.isEmpty else { continue }
            guard value.count >= 16 else { throw Failure(description: "\(name) must have at least 16 characters") }
            tokens.append(.init(Secret(value), role: role))
        }
        return tokens
    }

    /// An instructor declared in the file, as it is written to the store at start: the file gives the name, e-mail,
    /// establishment and time zone; `syncEnabled` when the file states it, else the stored switch (the admins'),
    /// else on.
    static func declaredInstructor(_ item: CalSyncConfiguration.InstructorConfig, stored: Instructor?) -> Instructor {
        Instructor(id: item.id, name: item.name, email: item.email, establishment: item.establishment, timeZone: item.timeZone,
                   syncEnabled: item.syncEnabled ?? stored?.syncEnabled ?? true)
    }

    static func declaredTrainingEvents(_ configuration: CalSyncConfiguration) throws -> [TrainingEvent] {
        try configuration.trainingEvents.map { item in
            guard let start = Timestamp.parse(item.start), let end = Timestamp.parse(item.end), start < end else {
                throw Failure(description: "training event \(item.id): start and end must be RFC 3339 with an offset, start before end")
            }
            return TrainingEvent(id: item.id, title: item.title, start: start, end: end, timeZone: item.timeZone ?? "UTC",
                                 location: item.location, description: item.description, status: item.status ?? .scheduled,
                                 instructorIds: item.instructorIds ?? [])
        }
    }
}
