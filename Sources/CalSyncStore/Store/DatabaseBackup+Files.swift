import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file-system side of a backup: which paths are refused, the temporary file's name, flushing and the rename.
extension DatabaseBackup {
    /// Refuses a missing source, a destination that is the source (or one of its WAL files), a directory, and an
    /// existing destination unless `replacing`.
    static func checkPaths(source: String, destination: String, replacing: Bool) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DatabaseBackupError.noDatabase(source)
        }
        if sameFile(source, destination) { throw DatabaseBackupError.sameFile(source) }
        if files.fileExists(atPath: destination, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw DatabaseBackupError.destinationIsADirectory(destination) }
            if !replacing { throw DatabaseBackupError.destinationExists(destination) }
        }
    }

    /// True when `other` is the database file `database` or one of its companions (`-wal`, `-shm`, `-journal`).
    static func sameFile(_ database: String, _ other: String) -> Bool {
        let target = canonical(other)
        if ["", "-wal", "-shm", "-journal"].contains(where: { canonical(database + $0) == target }) { return true }
        var a = stat()
        var b = stat()
        return stat(database, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A hidden file in `destination`'s directory (so the final rename stays on one file system).
    static func temporaryPath(beside destination: String, purpose: String) -> String {
        let url = URL(fileURLWithPath: destination)
        return url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        ).path
    }

    /// Removes `path` and the journal SQLite may have left beside it; missing files are fine.
    static func removeFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Owner-only permissions (the copy holds client secrets), then the data flushed to disk.
    static func seal(_ temporary: String, naming destination: String) throws {
        guard chmod(temporary, 0o600) == 0 else { throw cannotWrite(destination) }
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw cannotWrite(destination) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw cannotWrite(destination) }
    }

    /// Renames `temporary` to `destination` (atomically replacing it when `replacing`), then flushes the directory.
    /// Without `replacing`, a file that appeared at `destination` meanwhile is kept and refused.
    static func moveIntoPlace(_ temporary: String, _ destination: String, replacing: Bool) throws {
        if replacing {
            guard rename(temporary, destination) == 0 else { throw cannotWrite(destination) }
        } else if link(temporary, destination) == 0 {
            unlink(temporary)
        } else if errno == EEXIST {
            throw DatabaseBackupError.destinationExists(destination)
        } else {
            // A file system without hard links: the existence check already ran.
            guard rename(temporary, destination) == 0 else { throw cannotWrite(destination) }
        }
        let directory = open(URL(fileURLWithPath: destination).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// `cannotWrite` with the system's reason (`errno`).
    static func cannotWrite(_ destination: String) -> DatabaseBackupError {
        .cannotWrite(destination, String(cString: strerror(errno)))
    }
}
