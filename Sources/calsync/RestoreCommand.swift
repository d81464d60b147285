import CalSyncStore
import Foundation

/// `calsync restore FILE`: a backup back in the database's place, the database it replaces kept beside it.
enum RestoreCommand {
    static let help = """
        Usage: calsync restore FILE [--config CONFIG]

        Puts the backup FILE (made by `calsync backup`) in the place of the database (the
        configuration's "database", CALSYNC_DATABASE winning). Stop calsync serve first: restore takes
        the database's lock, and is refused while serve, sync --once or demo runs on it.

        The backup is copied beside the database and checked first (PRAGMA integrity_check; its
        schema must be this binary's or an older one, which the next start migrates). Only then is the
        database, with its -wal and -shm files, renamed to DATABASE.before-restore-<UTC time> and the
        copy renamed into its place: nothing is lost, and a refused backup changes nothing. Run it as
        the user the service runs as (as root, the restored file gets the replaced database's owner).
        Exits 0 when restored, 2 when refused.

        Options:
          --config CONFIG  configuration file (JSON)
          --help           show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, command: "restore", operand: true, valueFlags: ["config"], switchFlags: ["help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            guard let file = parsed.operand else {
                Output.error("restore needs the backup FILE to restore\n\n\(help)")
                return 2
            }
            let environment = ProcessInfo.processInfo.environment
            let configuration = try ConfigurationLoader.load(path: parsed.values["config"], environment: environment)
            let lock = try DatabaseLock.acquire(configuration.database, for: "calsync restore")
            defer { lock?.release() }
            let restore = try DatabaseRestore.restore(file, into: configuration.database)
            Output.line("restored \(configuration.database) from \(file): \(BackupCommand.describe(restore.database))")
            let pending = CalSyncStore.knownMigrations.count - restore.database.migrations.count
            if pending > 0 { Output.line("the next start applies this binary's \(pending) newer migrations") }
            if let kept = restore.keptAs {
                Output.line(
                    "the database it replaced is kept as \(kept) (with its -wal file, if any); delete it when "
                        + "no longer needed")
            }
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }
}
