import CalSyncHTTP
import Foundation
import GoogleEmulator

/// `calsync emulator --kind google`: the GoogleEmulator alone, for Google's Python libraries in CI and for trying
/// CalSync by hand.
enum GoogleEmulatorCommand {
    static let help = """
        Usage: calsync emulator --kind google --tenant FILE [--port P] [--host H] [--faults JSON]

        Serves a local Google Workspace: the OAuth token endpoint for service accounts with
        domain-wide delegation (POST /token), Calendar v3 (/calendar/v3/...), Directory users.list
        (/admin/directory/v1/users) and the batch endpoint (/batch/calendar/v3), seeded from a JSON
        tenant file such as fixtures/tenants/google-fabrikam.json (dates relative to today). A
        service-account key file whose token_uri is this server's /token signs in; the test key
        fixtures/google/test-service-account.json matches the fabrikam tenant. Tests and demos act
        as the people and the administrator through the side door under /_emulator/. SIGTERM or
        SIGINT stops it.

        Options:
          --tenant FILE   the tenant file (required)
          --port P        port to listen on (default 8092; 0 picks a free one)
          --host H        address to bind (default 127.0.0.1)
          --faults JSON   faults from the start, as POST /_emulator/faults takes them, e.g.
                          '{"rateLimit403":0.1,"rateLimit429":0.05,"unavailable503":0.02,
                            "backendError500AfterCommit":0.01,"connectionReset":0.01,
                            "syncTokenExpiry":0.1,"userRequestsPerMinute":600}'
                          (or @FILE to read them from a file); change them later through the side door
          --help          show this help
        """

    static func run(_ parsed: Arguments) async -> Int32 {
        if parsed.switches.contains("help") {
            Output.line(help)
            return 0
        }
        guard let tenantPath = parsed.values["tenant"] else {
            Output.error("emulator --kind google needs --tenant FILE\n\n\(help)")
            return 2
        }
        let tenant: GoogleTenant
        do {
            tenant = try GoogleTenant(contentsOf: tenantPath)
        } catch {
            Output.error("cannot load the tenant file \(tenantPath): \(error)")
            return 2
        }
        var configuration = GoogleEmulatorConfiguration()
        if let text = parsed.values["faults"] {
            do {
                configuration.faults = try faults(text)
            } catch {
                Output.error("--faults: \(error)")
                return 2
            }
        }
        let emulator = GoogleEmulator(tenant: tenant, configuration: configuration)
        for issue in emulator.tenantIssues { Output.error("tenant file: \(issue)") }
        do {
            var server = HTTPServerConfiguration()
            server.host = parsed.values["host"] ?? "127.0.0.1"
            server.port = try parsed.int("port") ?? 8092
            let http = HTTPServer(configuration: server, responder: emulator)
            let port = try http.start()
            let base = "http://\(server.host):\(port)"
            Output.line("GoogleEmulator listening on \(base)")
            Output.line("  token_uri:  \(base)/token   (the service-account key file's)")
            Output.line("  calendar:   \(base)/calendar/v3/   (batch: \(base)/batch/calendar/v3)")
            Output.line("  directory:  \(base)/admin/directory/v1/users")
            Output.line(
                "  accounts:   \(tenant.serviceAccounts.map { "\($0.clientEmail) (client id \($0.clientId))" }.joined(separator: ", "))"
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

    /// `--faults`: a JSON object (or `@FILE` holding one) read as `POST /_emulator/faults` reads its body.
    static func faults(_ text: String) throws -> GoogleFaults {
        let data = text.hasPrefix("@") ? try Data(contentsOf: URL(fileURLWithPath: String(text.dropFirst()))) : Data(text.utf8)
        guard let json = try? JSONValue.parse(data), json.objectValue != nil else {
            throw EmulatorCommand.EmulatorCommandError("not a JSON object")
        }
        do {
            return try GoogleFaults(json: json)
        } catch {
            throw EmulatorCommand.EmulatorCommandError(error.message)
        }
    }
}
