import CalSyncStore
import Foundation

/// `calsync backup FILE`: a verified copy of the database, taken while CalSync keeps running.
enum BackupCommand {
    static let help = """
        Usage: calsync backup FILE [--force] [--config CONFIG]

        Copies the database (the configuration's "database", CALSYNC_DATABASE winning) to FILE while
        calsync serve keeps running: SQLite's online backup API reads one consistent snapshot (the
        server's writes go on meanwhile), and the copy is checked (PRAGMA integrity_check), made
        readable by its owner only (it holds the integrations' credentials, encrypted under
        CALSYNC_SECRET_KEY_FILE's key when one is set: keep that key to use the copy) and renamed
        into place, so FILE is never half written. Prints the copy's size, pages, schema and how long it took.
        Exits 0 when done, 2 when refused (FILE exists, no database, not a CalSync database, damaged).

        `calsync restore FILE` puts a backup back (`calsync restore --help`).

        Options:
          --force          replace FILE when it exists
          --config CONFIG  configuration file (JSON)
          --help           show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(
                args, command: "backup", operand: true, valueFlags: ["config"], switchFlags: ["force", "help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            guard let file = parsed.operand else {
                Output.error("backup needs the FILE to write\n\n\(help)")
                return 2
            }
            let environment = ProcessInfo.processInfo.environment
            let configuration = try ConfigurationLoader.load(path: parsed.values["config"], environment: environment)
            let backup = try DatabaseBackup.copy(configuration.database, to: file, replacing: parsed.switches.contains("force"))
            Output.line("backed up \(configuration.database) to \(file): \(describe(backup))")
            return 0
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    /// `1.2 MB (300 pages of 4096 bytes), integrity ok, schema: 14 migrations, in 0.05 s`.
    static func describe(_ copy: DatabaseBackup) -> String {
        let size = ByteCountFormatter.string(fromByteCount: Int64(copy.bytes), countStyle: .file)
        let seconds = String(format: "%.2f", copy.seconds)
        return "\(size) (\(copy.pages) pages of \(copy.pageSize) bytes), integrity ok, schema: \(copy.migrations.count) "
            + "migrations, in \(seconds) s"
    }
}
