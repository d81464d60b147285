import CSQLite
import Foundation

extension CalSyncStore {
    /// Opens the connection at `path`; when SQLite cannot open the file (`SQLITE_CANTOPEN`: "unable to open database
    /// file") and the file system says why, throws `StoreError.cannotOpen` with that reason instead.
    static func openFile(path: String) throws -> SQLiteDatabase {
        createPrivately(path)
        do {
            return try SQLiteDatabase(path: path)
        } catch let error as SQLiteError where error.code == SQLITE_CANTOPEN {
            guard let reason = whyCannotOpen(path) else { throw error }
            throw StoreError.cannotOpen(path: path, reason: reason)
        }
    }

    /// Creates a missing database file empty and readable by its owner only (it holds credentials): SQLite then opens
    /// it as a new database, and gives its -wal and -shm files the same mode. An existing file keeps its mode; a file
    /// that cannot be created is left to SQLite, whose error `openFile` explains.
    private static func createPrivately(_ path: String) {
        guard !ReaderPool.isInMemory(path), !path.hasPrefix("file:") else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// What keeps `path` from being opened: a missing directory, a file where a directory should be, a directory
    /// where the file should be, missing permissions. Nil when none of these applies (SQLite's message stands).
    public static func whyCannotOpen(_ path: String) -> String? {
        guard !ReaderPool.isInMemory(path), !path.hasPrefix("file:") else { return nil }
        let files = FileManager.default
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return "the directory \(directory) does not exist; create it or choose another path"
        }
        guard isDirectory.boolValue else { return "\(directory) is not a directory" }
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "\(path) is a directory, not a database file" }
            if !files.isReadableFile(atPath: path) || !files.isWritableFile(atPath: path) {
                return "this user may not read and write \(path)"
            }
        } else if !files.isWritableFile(atPath: directory) {
            return "this user may not create files in the directory \(directory)"
        }
        return nil
    }
}
