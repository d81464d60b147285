import CalSyncStore
import Foundation

/// A SQLite database file of its own for one test, in the temporary directory, under a name no other test
/// uses. `remove()` deletes it with its journal files; so does the end of its life. Keep it alive for as
/// long as a store has the file open: hold it in a property, or `defer { database.remove() }` (Swift may end
/// a local's life right after its last use).
public final class TemporaryDatabase: Sendable {
    /// The file's path (it does not exist until a store opens it).
    public let path: String

    /// - Parameter prefix: the start of the file name, to tell whose file it is when one is left behind.
    public init(prefix: String = "calsync-test") {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString).sqlite").path
    }

    deinit { remove() }

    /// A store on the file (migrations applied). Open it again to see what a restarted process sees.
    public func open() throws -> CalSyncStore { try CalSyncStore(path: path) }

    /// Deletes the file, its write-ahead log, shared-memory index, rollback journal and CalSync's lock file,
    /// whichever exist.
    public func remove() {
        for suffix in ["", "-wal", "-shm", "-journal", "-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
