import CalSyncStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The claim a CalSync process that writes to a database holds on it for as long as it runs (`serve`,
/// `sync --once`, `demo`, `restore`): two of them on one database would both seed it, match, pull and push, and
/// race each other's outbox. A second one is refused with the holder's pid.
///
/// An exclusive `flock` on `DATABASE-lock`, a file of its own (SQLite's own locks on the database file are `fcntl`
/// locks, which this never touches). The kernel drops a `flock` when its process ends, however it ends (SIGKILL
/// included), so a crash never leaves the database locked; the file left behind then only records the dead pid.
/// `release()` removes the file while still holding the lock; a process that opened the old file meanwhile sees that
/// its file is no longer the one at the path, and tries again. `backup` and `doctor` take no lock.
final class DatabaseLock {
    /// Another process holds the lock.
    struct Busy: Error, CustomStringConvertible {
        var database: String
        /// What the holder wrote in the lock file ("PID COMMAND since TIME"); nil when it could not be read.
        var holder: String?

        var description: String {
            let who =
                holder.map { holder -> String in
                    let parts = holder.split(separator: " ", maxSplits: 1).map(String.init)
                    return parts.count == 2 ? "pid \(parts[0]): \(parts[1])" : holder
                } ?? "its pid is not recorded yet"
            return "the database \(database) is in use by another CalSync process (\(who)): stop it first, or point "
                + "CALSYNC_DATABASE (\"database\" in the configuration file) at another file"
        }
    }

    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// The lock file of `database`.
    static func path(for database: String) -> String { database + "-lock" }

    /// Takes the lock on `database` for `command` (written in the file, e.g. "calsync serve"), or throws `Busy`.
    /// Nil for an in-memory database, which no other process can open.
    static func acquire(_ database: String, for command: String) throws -> DatabaseLock? {
        guard !database.isEmpty, database != ":memory:" else { return nil }
        let path = path(for: database)
        while true {
            var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            // A file another user left (root's `sync --once`, killed) and this one may not write: flock needs no
            // write access; once locked, it is replaced below by a file of this user's.
            let failure = errno
            var readOnly = false
            if descriptor < 0, failure == EACCES {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                readOnly = descriptor >= 0
            }
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(failure))
                throw ConfigurationLoader.Failure(
                    description: "cannot open the database \(database): "
                        + (CalSyncStore.whyCannotOpen(database) ?? "cannot create its lock file \(path): \(reason)"))
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let holder = try? String(contentsOfFile: path, encoding: .utf8)
                close(descriptor)
                let line = holder?.split(separator: "\n").first.map(String.init)
                throw Busy(database: database, holder: line)
            }
            // Locked; but if the holder before removed the file after this process opened it, this is a lock on
            // a file no longer at the path: try again with the new one.
            var opened = stat()
            var current = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
                opened.st_dev == current.st_dev
            else {
                close(descriptor)
                continue
            }
            if readOnly {
                guard unlink(path) == 0 else {
                    close(descriptor)
                    throw ConfigurationLoader.Failure(
                        description: "cannot open the database \(database): cannot replace the lock file \(path), which "
                            + "another user left: \(String(cString: strerror(errno)))")
                }
                close(descriptor)
                continue
            }
            let line = "\(getpid()) \(command) since \(Date().formatted(.iso8601))\n"
            _ = ftruncate(descriptor, 0)
            _ = line.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            return DatabaseLock(path: path, descriptor: descriptor)
        }
    }

    /// Removes the lock file, then lets the lock go. Safe to call twice.
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }
}
