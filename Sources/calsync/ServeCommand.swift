import CalSyncHTTP
import CalSyncWorker
import Foundation

/// `calsync serve`: the long-running worker (sync loop; health endpoints on the listen address).
enum ServeCommand {
    static let help = """
        Usage: calsync serve [--config FILE]

        Runs the sync loop every syncIntervalSeconds (default 300) and serves /healthz and /readyz on
        the listen address (default 127.0.0.1:8080). SIGTERM or SIGINT stops it gracefully: the
        cycle in flight finishes, then the process exits 0.

        Environment: CALSYNC_CONFIG, CALSYNC_DATABASE, CALSYNC_LISTEN, CALSYNC_SYNC_INTERVAL_SECONDS.

        Options:
          --config FILE   configuration file (JSON)
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, valueFlags: ["config"], switchFlags: ["help"])
            if parsed.switches.contains("help") { Output.line(help); return 0 }
            let environment = ProcessInfo.processInfo.environment
            let configuration = try ConfigurationLoader.load(path: parsed.values["config"], environment: environment)
            let logger = Logger(label: "calsync")
            let runtime = try await Runtime.open(configuration, environment: environment, logger: logger)
            let (host, port) = try ConfigurationLoader.listenAddress(configuration.listen)
            var serverConfiguration = HTTPServerConfiguration()
            serverConfiguration.host = host
            serverConfiguration.port = port
            let server = HTTPServer(configuration: serverConfiguration, responder: HealthResponder(store: runtime.store))
            let bound = try server.start()
            logger.info("listening", ["address": "\(host):\(bound)"])
            let loop = SyncLoop(engine: runtime.engine, interval: Double(configuration.syncIntervalSeconds)) { report in
                logger.info("cycle finished", ["pulled": "\(report.pulled)", "pushed": "\(report.pushed)",
                                               "errors": "\(report.errorCount)"])
            }
            loop.start()
            let signo = await SignalWaiter.wait()
            logger.info("stopping", ["signal": "\(signo)"])
            await loop.stop()
            await server.shutdown(timeout: 10)
            logger.info("stopped")
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
