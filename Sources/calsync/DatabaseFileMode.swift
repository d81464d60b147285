import CalSyncWorker
import Foundation

/// The database file's permissions: CalSync creates it readable by its owner only; a file made before (SQLite's
/// default is 0644) or loosened since is named at start.
enum DatabaseFileMode {
    /// Warns when other users than the file's owner may read the database at `path`.
    static func warnIfShared(_ path: String, logger: Logger) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o044 != 0 else { return }
        logger.warning(
            "the database file may be read by other users: chmod 600 it (and its -wal and -shm files)",
            ["database": path, "mode": String(format: "%04o", status.st_mode & 0o777)])
    }
}
