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
        if let path = path ?? environment["CALSYNC_CONFIG"] { configuration = try read(path) }
        if let database = environment["CALSYNC_DATABASE"], !database.isEmpty { configuration.database = database }
        if let listen = environment["CALSYNC_LISTEN"], !listen.isEmpty { configuration.listen = listen }
        if let interval = environment["CALSYNC_SYNC_INTERVAL_SECONDS"] {
            guard let seconds = Int(interval), seconds >= 1 else {
                throw Failure(description: "CALSYNC_SYNC_INTERVAL_SECONDS must be a whole number of seconds ≥ 1, not \(interval)")
            }
            configuration.syncIntervalSeconds = seconds
        }
        if let level = environment["CALSYNC_LOG_LEVEL"], !level.isEmpty {
            configuration.logLevel = try CalSyncConfiguration.logLevel(level, setting: "CALSYNC_LOG_LEVEL")
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

    /// The file at `path`: JSON as RFC 8259 defines it (a trailing comma is refused with its line and column), of the
    /// shape `CalSyncConfiguration` reads, keeping its rules (`check`). Every error names the file and the place in it.
    static func read(_ path: String) throws -> CalSyncConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read the configuration file \(path)")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch let error as JSONSyntaxError {
            throw Failure(description: "the configuration file \(path) is not valid JSON at \(error.place): \(error.reason)")
        }
        let configuration: CalSyncConfiguration
        do {
            configuration = try JSONDecoder().decode(CalSyncConfiguration.self, from: document.data)
        } catch let error as UnknownConfigurationKey {
            throw Failure(description: "\(path): \(error)")
        } catch let error as DecodingError {
            throw Failure(description: "the configuration file \(path) is not valid: \(error.plainDescription(in: document))")
        } catch let error as Failure {
            throw Failure(description: "the configuration file \(path): \(error)")
        }
        do {
            try configuration.check()
        } catch let error as Failure {
            throw Failure(description: "the configuration file \(path): \(error)")
        }
        return configuration
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

    /// The model objects declared in the file, validated.
    static func declaredIntegrations(_ configuration: CalSyncConfiguration, environment: [String: String]) throws -> [Integration]
    {
        try configuration.integrations.map { try declaredIntegration($0, environment: environment) }
    }

    /// One integration declared in the file, its credential read from the environment when the file names a variable.
    static func declaredIntegration(_ item: CalSyncConfiguration.IntegrationConfig, environment: [String: String]) throws
        -> Integration
    {
        let connection = try item.connection.connection(environment: environment, place: "integration \(item.id)")
        if let settings = item.settings, let problem = SettingsRules.problem(in: settings) {
            throw Failure(description: "integration \(item.id): \(problem)")
        }
        return Integration(
            id: item.id, name: item.name, connection: connection, establishments: item.establishments ?? [],
            settings: item.settings ?? SyncSettings(), createdAt: Date())
    }

    /// Where a declared integration's credential comes from, for advice (never the credential itself).
    static func secretSource(_ item: CalSyncConfiguration.IntegrationConfig) -> String { item.connection.secretSource }

    /// An instructor declared in the file, as it is written to the store at start: the file gives the name, e-mail,
    /// establishment and time zone; `syncEnabled` when the file states it, else the stored switch (the admins'),
    /// else on.
    static func declaredInstructor(_ item: CalSyncConfiguration.InstructorConfig, stored: Instructor?) -> Instructor {
        Instructor(
            id: item.id, name: item.name, email: item.email, establishment: item.establishment, timeZone: item.timeZone,
            syncEnabled: item.syncEnabled ?? stored?.syncEnabled ?? true)
    }

    /// The training events declared in the file, each checked: its times, its status.
    static func declaredTrainingEvents(_ configuration: CalSyncConfiguration) throws -> [TrainingEvent] {
        try configuration.trainingEvents.enumerated().map { index, item in
            guard let start = Timestamp.parse(item.start), let end = Timestamp.parse(item.end), start < end else {
                throw Failure(
                    description: "training event \(item.id): start and end must be RFC 3339 with an offset, start before end")
            }
            let status = try item.status.map { name in
                guard let status = TrainingEvent.Status(rawValue: name) else {
                    throw Failure(description: "trainingEvents[\(index)].status must be scheduled or cancelled, not \"\(name)\"")
                }
                return status
            }
            return TrainingEvent(
                id: item.id, title: item.title, start: start, end: end, timeZone: item.timeZone ?? "UTC",
                location: item.location, description: item.description, status: status ?? .scheduled,
                instructorIds: item.instructorIds ?? [])
        }
    }
}
