import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Puts a backup in the database's place (`calsync restore`), losing nothing: the backup is copied (SQLite's backup
/// API, so a backup still in WAL mode is read whole) into a temporary file beside the database and checked as
/// `DatabaseBackup` checks a copy; its migrations must be a beginning of this binary's (an older backup is migrated
/// at the next start; one from a newer or a different build is refused). Only then is the database, with its `-wal`
/// and `-shm` files, renamed to `DATABASE.before-restore-<UTC time>` and the copy renamed into its place.
///
/// The caller makes sure no CalSync process uses the database meanwhile (`calsync restore` holds its lock).
public struct DatabaseRestore: Sendable, Hashable {
    /// The database as restored (`path` is the database's).
    public var database: DatabaseBackup
    /// Where the database it replaced now is; nil when there was none.
    public var keptAs: String?

    public static func restore(_ backup: String, into database: String, now: Date = Date()) throws -> DatabaseRestore {
        if DatabaseBackup.sameFile(database, backup) { throw DatabaseBackupError.sameFile(database) }
        let temporary = DatabaseBackup.temporaryPath(beside: database, purpose: "restoring")
        defer { DatabaseBackup.removeFiles(temporary) }
        var copy = try DatabaseBackup.copy(backup, to: temporary)
        do {
            try CalSyncSchema.migrator.refuseForeignHistory(applied: copy.migrations)
        } catch let error as StoreError {
            throw DatabaseBackupError.incompatible(backup, error)
        }
        takeOwnerAndMode(temporary, like: database)
        let kept = try moveAside(database, now: now)
        guard rename(temporary, database) == 0 else {
            let failure = DatabaseBackup.cannotWrite(database)
            if let kept { try? moveBack(kept, database) }
            throw failure
        }
        copy.path = database
        return DatabaseRestore(database: copy, keptAs: kept)
    }

    /// Renames the database and its companions to `DATABASE.before-restore-YYYYMMDDTHHMMSSZ` (a counter added when
    /// that name is taken); nil when there is no database.
    static func moveAside(_ database: String, now: Date) throws -> String? {
        guard FileManager.default.fileExists(atPath: database) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = "\(database).before-restore-\(formatter.string(from: now))"
        var kept = base
        var counter = 1
        while FileManager.default.fileExists(atPath: kept) {
            counter += 1
            kept = "\(base)-\(counter)"
        }
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: database + suffix) {
            guard rename(database + suffix, kept + suffix) == 0 else {
                let failure = DatabaseBackup.cannotWrite(database)
                try? moveBack(kept, database)
                throw failure
            }
        }
        return kept
    }

    private static func moveBack(_ kept: String, _ database: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: kept + suffix) {
            rename(kept + suffix, database + suffix)
        }
    }

    /// The restored file gets the permissions of the database it replaces (a backup is its owner's only); run as root
    /// (an operator restoring for a service user), also its owner, or the directory's when there is no database, so
    /// the service can still open it.
    private static func takeOwnerAndMode(_ path: String, like database: String) {
        var existing = stat()
        if stat(database, &existing) == 0 { _ = chmod(path, existing.st_mode & 0o777) }
        guard getuid() == 0 else { return }
        var owner = stat()
        let reference =
            FileManager.default.fileExists(atPath: database)
            ? database : URL(fileURLWithPath: database).deletingLastPathComponent().path
        guard stat(reference, &owner) == 0 else { return }
        _ = chown(path, owner.st_uid, owner.st_gid)
    }
}
