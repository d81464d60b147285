import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator

/// `calsync emulator`: the GraphEmulator (or, with `--kind google`, the GoogleEmulator) alone, for tests, the SDK
/// checks and trying CalSync by hand.
enum EmulatorCommand {
    static let help = """
        Usage: calsync emulator [--kind graph|google] --tenant FILE [--port P] [--host H] [--faults JSON]

        With --kind google: a local Google Workspace instead (see calsync emulator --kind google --help).

        Serves a local Microsoft Graph (under /v1.0) and its login endpoint
        (/{tenant}/oauth2/v2.0/token), seeded from a JSON tenant file such as
        fixtures/tenants/contoso.json. Tests and demos change mailboxes through the side door
        under /_emulator/. SIGTERM or SIGINT stops it.

        Options:
          --tenant FILE   the tenant file (required)
          --port P        port to listen on (default 8090; 0 picks a free one)
          --host H        address to bind (default 127.0.0.1)
          --faults JSON   faults from the start, as POST /_emulator/faults takes them, e.g.
                          '{"throttle429":0.2,"unavailable503":0.05,"connectionReset":0.02,
                            "gatewayTimeout504AfterCommit":0.01,"retryAfterSeconds":[0.1,1.5],
                            "accessTokenLifetimeSeconds":60,"addedLatencyMs":50}'
                          (or @FILE to read them from a file); change them later through the side door
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, valueFlags: ["kind", "tenant", "port", "host", "faults"], switchFlags: ["help"])
            switch parsed.values["kind"] ?? "graph" {
            case "graph": break
            case "google": return await GoogleEmulatorCommand.run(parsed)
            case let kind:
                Output.error("--kind must be graph or google, not \(kind)")
                return 2
            }
            if parsed.switches.contains("help") { Output.line(help); return 0 }
            guard let tenantPath = parsed.values["tenant"] else {
                Output.error("emulator needs --tenant FILE\n\n\(help)")
                return 2
            }
            let tenant: EmulatorTenant
            do {
                tenant = try EmulatorTenant(contentsOf: tenantPath)
            } catch {
                Output.error("cannot load the tenant file \(tenantPath): \(error)")
                return 2
            }
            var emulatorConfiguration = EmulatorConfiguration()
            if let text = parsed.values["faults"] {
                do {
                    emulatorConfiguration.faults = try faults(text)
                } catch {
                    Output.error("--faults: \(error)")
                    return 2
                }
            }
            let emulator = GraphEmulator(tenant: tenant, configuration: emulatorConfiguration, zones: .bundled)
            for issue in emulator.tenantIssues { Output.error("tenant file: \(issue)") }
            var configuration = HTTPServerConfiguration()
            configuration.host = parsed.values["host"] ?? "127.0.0.1"
            configuration.port = try parsed.int("port") ?? 8090
            let server = HTTPServer(configuration: configuration, responder: emulator)
            let port = try server.start()
            let base = "http://\(configuration.host):\(port)"
            Output.line("GraphEmulator listening on \(base)")
            Output.line("  graphBaseURL:  \(base)/v1.0")
            Output.line("  authorityHost: \(base)   (token: \(base)/\(tenant.tenantId)/oauth2/v2.0/token)")
            Output.line("  side door:     \(base)/_emulator/")
            if parsed.values["faults"] != nil { Output.line("  faults:        \(emulatorConfiguration.faults.json.serialized)") }
            _ = await SignalWaiter.wait()
            await server.shutdown(timeout: 5)
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    /// `--faults`: a JSON object (or `@FILE` holding one) read as `POST /_emulator/faults` reads its body.
    static func faults(_ text: String) throws -> EmulatorFaults {
        let data = text.hasPrefix("@")
            ? try Data(contentsOf: URL(fileURLWithPath: String(text.dropFirst())))
            : Data(text.utf8)
        guard let json = try? EmulatorJSON.parse(data), json.objectValue != nil else {
            throw EmulatorCommandError("not a JSON object")
        }
        do {
            return try EmulatorFaults(json: json)
        } catch {
            throw EmulatorCommandError(error.message)
        }
    }

    struct EmulatorCommandError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
