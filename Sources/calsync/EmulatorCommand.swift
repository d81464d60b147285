import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator

/// `calsync emulator`: the GraphEmulator (or, with `--kind exchange` or `--kind google`, the EWSEmulator or the GoogleEmulator) alone, for tests, the SDK
/// checks and trying CalSync by hand.
enum EmulatorCommand {
    static let help = """
        Usage: calsync emulator [--kind graph|exchange|google] --tenant FILE [--port P] [--host H] [--shift-to-today]
                                [--faults JSON]

        With --kind exchange: a local Exchange Server EWS endpoint instead (see
        calsync emulator --kind exchange --help); with --kind google: a local Google Workspace
        (calsync emulator --kind google --help).

        Serves a local Microsoft Graph (under /v1.0) and its login endpoint
        (/{tenant}/oauth2/v2.0/token), seeded from a JSON tenant file such as
        fixtures/tenants/contoso.json. Tests and demos change mailboxes through the side door
        under /_emulator/. SIGTERM or SIGINT stops it.

        Options:
          --tenant FILE   the tenant file (required)
          --port P        port to listen on (default \(defaultPort); 0 picks a free one)
          --host H        address to bind (default 127.0.0.1)
          --shift-to-today  move every event by whole weeks (weekdays, times of day and zones
                          kept) so the first one falls within the coming seven days: the events
                          of fixtures/tenants/contoso.json (March 2025) then fall inside a sync
                          window, and `calsync serve --config deploy/calsync.emulator.json` finds
                          busy time
          --faults JSON   faults from the start, as POST /_emulator/faults takes them, e.g.
                          '{"throttle429":0.2,"unavailable503":0.05,"connectionReset":0.02,
                            "gatewayTimeout504AfterCommit":0.01,"retryAfterSeconds":[0.1,1.5],
                            "accessTokenLifetimeSeconds":60,"addedLatencyMs":50}'
                          (or @FILE to read them from a file); change them later through the side door
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(
                args, command: "emulator", valueFlags: ["kind", "tenant", "port", "host", "faults"],
                switchFlags: ["shift-to-today", "help"])
            switch parsed.values["kind"] ?? "graph" {
            case "graph": break
            case "exchange": return await ExchangeEmulatorCommand.run(parsed)
            case "google": return await GoogleEmulatorCommand.run(parsed)
            case let kind:
                Output.error("--kind must be graph, exchange or google, not \(kind)")
                return 2
            }
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            guard let tenantPath = parsed.values["tenant"] else {
                Output.error("emulator needs --tenant FILE\n\n\(help)")
                return 2
            }
            var tenant = try loadTenant(tenantPath)
            var moved: String?
            if parsed.switches.contains("shift-to-today"), let first = tenant.firstEventDate {
                let today = LocalDate(Date(), in: TimeZone(identifier: "UTC")!)
                let days = EmulatorTenant.daysToShift(from: first, toTheWeekOf: today)
                tenant = tenant.movingEvents(byDays: days)
                let weeks = CycleSummary.count(abs(days) / 7, "week") + (days < 0 ? " earlier" : " later")
                moved = "every event moved \(weeks), so the first one is on \(first.adding(days: days))"
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
            configuration.port = try parsed.int("port") ?? defaultPort
            let server = HTTPServer(configuration: configuration, responder: emulator)
            let port = try server.start()
            let base = "http://\(configuration.host):\(port)"
            Output.line("GraphEmulator listening on \(base)")
            Output.line("  graphBaseURL:  \(base)/v1.0")
            Output.line("  authorityHost: \(base)   (token: \(base)/\(tenant.tenantId)/oauth2/v2.0/token)")
            Output.line("  side door:     \(base)/_emulator/")
            if let moved { Output.line("  dates:         \(moved) (--shift-to-today)") }
            if parsed.values["faults"] != nil { Output.line("  faults:        \(emulatorConfiguration.faults.json.serialized)") }
            _ = await SignalWaiter.wait()
            await server.shutdown(timeout: 5)
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    /// The port `calsync emulator` listens on without --port (deploy/calsync.emulator.json points at it).
    static let defaultPort = 8090

    /// The tenant file at `path`; an error names the file and the place in it, in plain words.
    static func loadTenant(_ path: String) throws -> EmulatorTenant {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmulatorCommandError("cannot read the tenant file \(path)")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch let error as JSONSyntaxError {
            throw EmulatorCommandError("the tenant file \(path) is not valid JSON at \(error.place): \(error.reason)")
        }
        do {
            return try EmulatorTenant(json: document.data)
        } catch let error as DecodingError {
            throw EmulatorCommandError("the tenant file \(path) is not valid: \(error.plainDescription(in: document))")
        }
    }

    /// `--faults`: a JSON object (or `@FILE` holding one) read as `POST /_emulator/faults` reads its body.
    static func faults(_ text: String) throws -> EmulatorFaults {
        var data = Data(text.utf8)
        if text.hasPrefix("@") {
            let file = String(text.dropFirst())
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw EmulatorCommandError("cannot read the file \(file)")
            }
            data = contents
        }
        let json: EmulatorJSON
        do {
            json = try EmulatorJSON.parse(data)
        } catch let error as JSONSyntaxError {
            throw EmulatorCommandError("not valid JSON at \(error.place): \(error.reason)")
        }
        guard json.objectValue != nil else { throw EmulatorCommandError("not a JSON object") }
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
