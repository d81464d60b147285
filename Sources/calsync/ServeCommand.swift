import CalSyncHTTP
import CalSyncWorker
import Foundation

/// `calsync serve`: the long-running worker (sync loop; health endpoints on the listen address).
enum ServeCommand {
    static let help = """
        Usage: calsync serve [--config FILE]

        Runs the sync loop every syncIntervalSeconds (default 300), pushes scheduler changes at once,
        and serves the HTTP API (/v1, /healthz, /readyz, /metrics, /openapi.json) on the listen
        address (default 127.0.0.1:8080). SIGTERM or SIGINT stops it gracefully: the
        cycle in flight runs to its end, pushes in flight finish, then the process exits 0.
        A second SIGTERM or SIGINT stops the cycle after the people it is on (nothing is lost:
        every page read and every push is committed as it completes).

        Environment: CALSYNC_CONFIG, CALSYNC_DATABASE, CALSYNC_LISTEN, CALSYNC_SYNC_INTERVAL_SECONDS,
        CALSYNC_LOG_LEVEL, CALSYNC_ADMIN_TOKEN, CALSYNC_SCHEDULER_TOKEN, CALSYNC_READER_TOKEN (at least
        16 characters), CALSYNC_SECRET_KEY_FILE. A variable that is set wins over the file
        (CALSYNC_DATABASE over "database", and so on).

        Credentials (client secrets, passwords, private keys) are stored encrypted (AES-256-GCM)
        under the key in the file CALSYNC_SECRET_KEY_FILE names (`calsync secret-key --help`); those
        found in clear are encrypted in place at start. Without it they are stored in clear, and
        serve warns at every start. A database file serve creates is readable by its owner only. Log lines are JSON on stderr; "logLevel" (debug, info, warning or error; default
        info) or CALSYNC_LOG_LEVEL says the least severe written.

        Configuration file (deploy/calsync.example.json is a complete one; deploy/calsync.emulator.json
        runs against `calsync emulator` as it is): JSON as RFC 8259 defines it (no trailing comma, no
        comment), read before anything starts. It is refused (exit 2) with the place of the problem:
        an unknown key at any depth, a value of the wrong type, an id twice in a list, a token given
        to two roles, a training event naming an instructor that is neither declared nor stored, a
        graphBaseURL or authorityHost other than https:// (plain http:// only for 127.0.0.0/8, ::1 and
        localhost). Integrations, instructors and training events declared in it are written to the
        database at every start, replacing changes made through the API to the same ids. An
        instructor's "syncEnabled" is applied at every start when the file states it (logged when it
        changes the stored switch); leave it out to let admins switch sync on and off
        (PUT /v1/instructors/ID/sync, the admin pages).

        Options:
          --config FILE   configuration file (JSON)
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, command: "serve", valueFlags: ["config"], switchFlags: ["help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            let environment = ProcessInfo.processInfo.environment
            let file = parsed.values["config"] ?? environment["CALSYNC_CONFIG"]
            let configuration = try ConfigurationLoader.load(path: file, environment: environment)
            let lock = try DatabaseLock.acquire(configuration.database, for: "calsync serve")
            defer { lock?.release() }
            let logger = Logger(label: "calsync", minimumLevel: configuration.logLevel)
            logger.debug(
                "configuration read",
                [
                    "file": file ?? "(none)", "database": configuration.database, "listen": configuration.listen,
                    "syncIntervalSeconds": "\(configuration.syncIntervalSeconds)", "logLevel": configuration.logLevel.rawValue,
                    "integrations": "\(configuration.integrations.count)", "instructors": "\(configuration.instructors.count)",
                    "trainingEvents": "\(configuration.trainingEvents.count)", "tokens": "\(configuration.tokens.count)",
                ])
            let tokens = try ConfigurationLoader.tokens(configuration, environment: environment)
            let descriptors = FileDescriptorLimit.raiseSoftLimit()
            let serverConfiguration = try ConfigurationLoader.serverConfiguration(configuration)
            let runtime = try await Runtime.open(configuration, environment: environment, logger: logger)
            if tokens.isEmpty { logger.warning("no API tokens configured: only /healthz and /readyz will answer") }
            let (controller, server, port) = try runtime.startService(
                interval: configuration.syncIntervalSeconds, listen: configuration.listen, tokens: tokens,
                accessLog: Logger(label: "http", minimumLevel: configuration.logLevel),
                server: serverConfiguration
            ) { report in
                logger.info(
                    "cycle finished",
                    ["pulled": "\(report.pulled)", "pushed": "\(report.pushed)", "errors": "\(report.errorCount)"])
                CycleErrorLog.log(report, to: logger)
            }
            let host = try ConfigurationLoader.listenAddress(configuration.listen).host
            var listening = ["address": ConfigurationLoader.address(host: host, port: port)]
            listening["maxConnections"] = "\(serverConfiguration.maxConnections)"
            listening["openFilesLimit"] = "\(descriptors)"
            listening["version"] = CalSyncCLI.version
            listening["commit"] = VersionCommand.commit ?? "unknown"
            logger.info("listening", listening)
            let signo = await SignalWaiter.wait()
            logger.info(
                "stopping: the cycle in flight runs to its end (signal again to stop after the people it is on)",
                ["signal": "\(signo)"])
            SignalWaiter.whenSignalledAgain { signo in
                logger.info("stopping sooner", ["signal": "\(signo)"])
                Task { await controller.hurry() }
            }
            await controller.stop()
            await server.shutdown(timeout: 10)
            logger.info("stopped")
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
