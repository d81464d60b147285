import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator

/// `calsync emulator`: the GraphEmulator alone, for tests, the SDK check and trying CalSync by hand.
enum EmulatorCommand {
    static let help = """
        Usage: calsync emulator --tenant FILE [--port P] [--host H]

        Serves a local Microsoft Graph (under /v1.0) and its login endpoint
        (/{tenant}/oauth2/v2.0/token), seeded from a JSON tenant file such as
        fixtures/tenants/contoso.json. Tests and demos change mailboxes through the side door
        under /_emulator/. SIGTERM or SIGINT stops it.

        Options:
          --tenant FILE   the tenant file (required)
          --port P        port to listen on (default 8090; 0 picks a free one)
          --host H        address to bind (default 127.0.0.1)
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, valueFlags: ["tenant", "port", "host"], switchFlags: ["help"])
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
            let emulator = GraphEmulator(tenant: tenant, configuration: EmulatorConfiguration(), zones: .bundled)
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
            _ = await SignalWaiter.wait()
            await server.shutdown(timeout: 5)
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
