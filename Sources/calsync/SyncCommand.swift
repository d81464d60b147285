import CalSyncWorker
import Foundation

/// `calsync sync --once`: one cycle, a summary, exit 1 when the cycle had errors.
enum SyncCommand {
    static let help = """
        Usage: calsync sync --once [--config FILE]

        Runs one sync cycle (match, pull, push) against the configured integrations, prints what it
        did and exits: 0 when the cycle had no errors, 1 otherwise.

        Options:
          --once          run exactly one cycle (required; `calsync serve` runs the loop)
          --config FILE   configuration file (JSON); CALSYNC_* variables override it; how the
                          file is read and applied: `calsync serve --help`
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, command: "sync", valueFlags: ["config"], switchFlags: ["once", "help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            guard parsed.switches.contains("once") else {
                Output.error("sync needs --once (use `calsync serve` for the loop)")
                return 2
            }
            let environment = ProcessInfo.processInfo.environment
            let configuration = try ConfigurationLoader.load(path: parsed.values["config"], environment: environment)
            let lock = try DatabaseLock.acquire(configuration.database, for: "calsync sync --once")
            defer { lock?.release() }
            let logger = Logger(label: "sync", minimumLevel: configuration.logLevel)
            let runtime = try await Runtime.open(configuration, environment: environment, logger: logger)
            guard let report = await runtime.engine.runCycle() else { return 1 }
            Output.line(CycleSummary.text(report))
            return report.errorCount == 0 ? 0 : 1
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
