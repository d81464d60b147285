import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation

/// `calsync emulator --kind exchange`: the EWSEmulator alone, for exchangelib in CI and for trying CalSync by hand.
enum ExchangeEmulatorCommand {
    static let help = """
        Usage: calsync emulator --kind exchange --tenant FILE [--port P] [--host H] [--faults JSON]

        Serves a local Exchange Server EWS endpoint (POST /EWS/Exchange.asmx, NTLM or Basic logon
        with the tenant's service accounts, ApplicationImpersonation), seeded from a JSON tenant
        file such as fixtures/tenants/exchange-contoso.json. Tests and demos act as the people and
        the administrator through the side door under /_emulator/. SIGTERM or SIGINT stops it.

        Options:
          --tenant FILE   the tenant file (required)
          --port P        port to listen on (default 8091; 0 picks a free one)
          --host H        address to bind (default 127.0.0.1)
          --faults JSON   faults from the start, as POST /_emulator/faults takes them, e.g.
                          '{"serverBusy":0.1,"backOffMilliseconds":[200,2000],"unavailable503":0.02,
                            "connectionReset":0.01,"createCommitThen500":0.05,"invalidateSyncState":0.1}'
                          (or @FILE to read them from a file); change them later through the side door
          --help          show this help
        """

    static func run(_ parsed: Arguments) async -> Int32 {
        if parsed.switches.contains("help") {
            Output.line(help)
            return 0
        }
        guard let tenantPath = parsed.values["tenant"] else {
            Output.error("emulator --kind exchange needs --tenant FILE\n\n\(help)")
            return 2
        }
        let tenant: EWSTenant
        do {
            tenant = try EWSTenant(contentsOf: tenantPath)
        } catch {
            Output.error("cannot load the tenant file \(tenantPath): \(error)")
            return 2
        }
        var configuration = EWSConfiguration()
        if let text = parsed.values["faults"] {
            do {
                let data =
                    text.hasPrefix("@") ? try Data(contentsOf: URL(fileURLWithPath: String(text.dropFirst()))) : Data(text.utf8)
                guard let json = try? JSONValue.parse(data) else { throw EWSSideDoorError(400, "not a JSON object") }
                configuration.faults = try EWSFaults(json: json)
            } catch {
                Output.error("--faults: \(error)")
                return 2
            }
        }
        let emulator = EWSEmulator(tenant: tenant, configuration: configuration)
        for issue in emulator.tenantIssues { Output.error("tenant file: \(issue)") }
        do {
            var server = HTTPServerConfiguration()
            server.host = parsed.values["host"] ?? "127.0.0.1"
            server.port = try parsed.int("port") ?? 8091
            let http = HTTPServer(configuration: server, responder: emulator)
            let port = try http.start()
            let base = "http://\(server.host):\(port)"
            Output.line("EWSEmulator listening on \(base)")
            Output.line("  ewsURL:     \(base)/EWS/Exchange.asmx")
            Output.line(
                "  accounts:   \(tenant.serviceAccounts.map { "\(tenant.netbiosDomain)\\\($0.samAccountName)" }.joined(separator: ", "))"
            )
            Output.line("  side door:  \(base)/_emulator/")
            if parsed.values["faults"] != nil { Output.line("  faults:     \(configuration.faults.json.serialized)") }
            _ = await SignalWaiter.wait()
            await http.shutdown(timeout: 5)
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
