import CalSyncWorker
import Foundation

/// `calsync`: the executable's entry point. Everything runs inside this nonisolated type (closures
/// written at top level in main.swift would be @MainActor; see notes/swift-on-linux.md).
@main
enum CalSyncCLI {
    static let version = "0.1.0"

    static let help = """
        CalSync \(version): keeps work calendars in step with a training scheduler and serves availability.

        Usage: calsync COMMAND [options]

        Commands:
          demo        run everything in-process: a Graph emulator with a demo tenant, the sync loop (--interval S)
          serve       run the sync worker (loop + HTTP) with a configuration
          sync --once run one sync cycle and exit
          emulator    run an emulator alone: Graph (default), --kind exchange (EWS) or --kind google
          doctor      check each integration (token, consent, matching, mailboxes, recent failures)
          backup FILE copy the database to FILE while serve runs (verified)
          restore FILE  put a backup back in the database's place (serve stopped; the replaced one is kept)
          secret-key  make the key credentials are stored under (new FILE), or move to a new one (rotate)
          healthcheck ask a running serve for /healthz (exit 0 or 1; a container's HEALTHCHECK)
          version     print the version and the commit it was built from

        `calsync COMMAND --help` describes each command.
        """

    static func main() async {
        ProcessMemory.limitArenas()
        let args = Array(CommandLine.arguments.dropFirst())
        let rest = Array(args.dropFirst())
        let status: Int32
        switch args.first {
        case "demo": status = await DemoCommand.run(rest)
        case "serve": status = await ServeCommand.run(rest)
        case "sync": status = await SyncCommand.run(rest)
        case "emulator": status = await EmulatorCommand.run(rest)
        case "doctor": status = await DoctorCommand.run(rest)
        case "backup": status = await BackupCommand.run(rest)
        case "restore": status = await RestoreCommand.run(rest)
        case "secret-key": status = await SecretKeyCommand.run(rest)
        case "healthcheck": status = await HealthcheckCommand.run(rest)
        case "version", "--version": status = VersionCommand.run(rest)
        case nil, "help", "--help", "-h":
            Output.line(help)
            status = 0
        case let other?:
            Output.error("unknown command \(other)\n\n\(help)")
            status = 2
        }
        exit(status)
    }
}
