import CSQLite
import Foundation

/// A verified copy of a CalSync database, taken while the database is in use (`calsync backup`).
///
/// SQLite's online backup API reads one snapshot of the database (a read transaction held for the whole copy: in
/// WAL mode the server's writes go on meanwhile, and none makes the copy start over) into a temporary file beside
/// the destination. The temporary file is switched to rollback-journal mode (one self-contained file), checked
/// (`PRAGMA integrity_check`, CalSync's migrations table), made readable by its owner only (it holds the
/// integrations' client secrets), flushed to disk and renamed into place: the destination is never a half-written
/// file. CalSync opens the copy as any database of its own (it switches it back to WAL).
public struct DatabaseBackup: Sendable, Hashable {
    /// The file written.
    public var path: String
    /// Its size.
    public var bytes: Int
    public var pages: Int
    public var pageSize: Int
    /// The migrations recorded in the copy, in order (the schema it holds).
    public var migrations: [String]
    /// How long the copy and its checks took.
    public var seconds: Double

    /// Copies the CalSync database at `source` to `destination`.
    ///
    /// - Parameters:
    ///   - replacing: replace `destination` when it exists (otherwise `DatabaseBackupError.destinationExists`).
    ///   - pagesPerStep: pages copied per `sqlite3_backup_step`.
    ///   - afterEachStep: called between steps with the pages left to copy (tests write to the database there).
    /// - Throws: `DatabaseBackupError`; nothing is left behind at or beside `destination`.
    public static func copy(
        _ source: String, to destination: String, replacing: Bool = false, pagesPerStep: Int32 = 1024,
        afterEachStep: (_ remainingPages: Int) throws -> Void = { _ in }
    ) throws -> DatabaseBackup {
        let start = Date()
        try checkPaths(source: source, destination: destination, replacing: replacing)
        let temporary = temporaryPath(beside: destination, purpose: "partial")
        defer { removeFiles(temporary) }
        try copySnapshot(source, into: temporary, naming: destination, pagesPerStep: pagesPerStep, afterEachStep: afterEachStep)
        var backup = try verify(temporary, copiedFrom: source)
        try seal(temporary, naming: destination)
        try moveIntoPlace(temporary, destination, replacing: replacing)
        backup.path = destination
        backup.seconds = Date().timeIntervalSince(start)
        return backup
    }

    // MARK: - Steps

    /// Writes one snapshot of `source` into the new file `temporary` (errors name `destination`).
    private static func copySnapshot(
        _ source: String, into temporary: String, naming destination: String, pagesPerStep: Int32,
        afterEachStep: (Int) throws -> Void
    ) throws {
        let from = try openSource(source)
        // The snapshot: a read transaction that every backup step then reads.
        try reading(source) {
            try from.execute("BEGIN DEFERRED TRANSACTION")
            let tables = try from.fetchOne(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'calsync_migrations'"
            ) { $0.int(at: 0) }
            guard tables == 1 else { throw DatabaseBackupError.notCalSync(source) }
        }
        defer { try? from.execute("ROLLBACK TRANSACTION") }
        let to: SQLiteDatabase
        do {
            to = try SQLiteDatabase(path: temporary, flags: [.readWrite, .create, .noMutex])
            // The temporary file is thrown away on any failure, and flushed by `verify` and `seal`.
            try to.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        } catch {
            throw DatabaseBackupError.cannotWrite(
                destination, CalSyncStore.whyCannotOpen(temporary) ?? Self.reason(error))
        }
        do {
            _ = try from.backup(into: to, pagesPerStep: pagesPerStep, afterEachStep: afterEachStep)
        } catch let error as SQLiteError where [SQLITE_CORRUPT, SQLITE_NOTADB].contains(error.code) {
            throw DatabaseBackupError.cannotRead(source, error.message)
        } catch let error as SQLiteError {
            throw DatabaseBackupError.cannotWrite(destination, error.message)
        }
    }

    /// Opens `source` read-write when allowed, read-only otherwise (SQLite falls back by itself); never creates it.
    private static func openSource(_ source: String) throws -> SQLiteDatabase {
        try reading(source) {
            let db = try SQLiteDatabase(path: source, flags: [.readWrite, .noMutex])
            try db.execute("PRAGMA busy_timeout = 5000")
            return db
        }
    }

    /// Switches the copy to one self-contained file, checks it, and describes it (`path` is `temporary` until moved).
    static func verify(_ temporary: String, copiedFrom source: String) throws -> DatabaseBackup {
        let db = try reading(source) { try SQLiteDatabase(path: temporary, flags: [.readWrite, .noMutex]) }
        return try reading(source) {
            try db.execute("PRAGMA journal_mode = DELETE")
            let problems = try db.fetchAll("PRAGMA integrity_check(20)") { $0.string(at: 0) }
            guard problems == ["ok"] else {
                throw DatabaseBackupError.damaged(source, problems.joined(separator: "; "))
            }
            let migrations = try db.fetchAll("SELECT name FROM calsync_migrations ORDER BY position, name") {
                $0.string(at: 0)
            }
            let pages = try db.fetchOne("PRAGMA page_count") { $0.int(at: 0) } ?? 0
            let pageSize = try db.fetchOne("PRAGMA page_size") { $0.int(at: 0) } ?? 0
            let bytes = (try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? nil
            return DatabaseBackup(
                path: temporary, bytes: bytes ?? pages * pageSize, pages: pages, pageSize: pageSize,
                migrations: migrations, seconds: 0)
        }
    }

    /// Runs `body`, turning SQLite's errors into `cannotRead(path, why)`.
    static func reading<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseBackupError {
            throw error
        } catch {
            throw DatabaseBackupError.cannotRead(path, reason(error))
        }
    }

    /// SQLite's message without its code (the operator's sentence names the file already).
    static func reason(_ error: any Error) -> String {
        (error as? SQLiteError)?.message ?? "\(error)"
    }
}
