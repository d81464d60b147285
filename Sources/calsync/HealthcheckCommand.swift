import CalSyncHTTP
import Foundation

/// `calsync healthcheck [URL]`: asks a running `calsync serve` for /healthz, for a container's HEALTHCHECK (slim
/// images have no curl) or a monitoring script.
enum HealthcheckCommand {
    static let help = """
        Usage: calsync healthcheck [URL] [--config CONFIG] [--timeout SECONDS]

        GETs URL, by default /healthz on the configured listen address (CALSYNC_LISTEN winning; a
        server listening on 0.0.0.0 or :: is asked on loopback), and exits 0 when it answers 200,
        1 otherwise (no answer in time, refused, another status, or no address to ask), saying why.
        Only 0 and 1: a container's HEALTHCHECK reads other statuses as reserved.

        Options:
          --config CONFIG    configuration file (JSON)
          --timeout SECONDS  how long to wait for the answer (default 5)
          --help             show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(
                args, command: "healthcheck", operand: true, valueFlags: ["config", "timeout"], switchFlags: ["help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            let timeout = try parsed.int("timeout") ?? 5
            guard timeout >= 1 else { throw Arguments.Failure(description: "--timeout must be ≥ 1") }
            let url =
                try parsed.operand
                ?? defaultURL(environment: ProcessInfo.processInfo.environment, config: parsed.values["config"])
            guard let target = URL(string: url), ["http", "https"].contains(target.scheme ?? ""), target.host != nil else {
                throw Arguments.Failure(description: "\(url) is not an http:// or https:// URL")
            }
            let response = try await CurlTransport(maxConnections: 1).send(
                HTTPClientRequest(method: .get, url: target, timeout: Double(timeout)))
            guard response.status == 200 else {
                Output.error("\(url) answered \(response.status)")
                return 1
            }
            Output.line("ok: \(url) answered 200")
            return 0
        } catch {
            Output.error("healthcheck: \(error)")
            return 1
        }
    }

    /// `http://HOST:PORT/healthz` from the listen address; a wildcard host is asked on loopback.
    static func defaultURL(environment: [String: String], config: String?) throws -> String {
        let configuration = try ConfigurationLoader.load(path: config, environment: environment)
        var (host, port) = try ConfigurationLoader.listenAddress(configuration.listen)
        guard port != 0 else {
            throw Arguments.Failure(
                description: "the listen address \(configuration.listen) has port 0 (any free port): give the URL to ask")
        }
        if host == "0.0.0.0" { host = "127.0.0.1" }
        if host == "::" { host = "::1" }
        return "http://\(ConfigurationLoader.address(host: host, port: port))/healthz"
    }
}
