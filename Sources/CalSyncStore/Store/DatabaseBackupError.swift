/// Why a backup or a restore was refused or failed, as a sentence an operator can act on. Nothing was replaced.
public enum DatabaseBackupError: Error, CustomStringConvertible, Sendable, Hashable {
    /// There is no file at the path given as the database to copy.
    case noDatabase(String)
    /// The backup file exists and replacing it was not asked for.
    case destinationExists(String)
    /// The backup path names a directory.
    case destinationIsADirectory(String)
    /// The copy would be written over the database it copies (or over its WAL files).
    case sameFile(String)
    /// An SQLite database without CalSync's migrations table.
    case notCalSync(String)
    /// SQLite cannot read the file (not a database, malformed, no permission).
    case cannotRead(String, String)
    /// The copy cannot be written where asked (no such directory, no permission, disk full).
    case cannotWrite(String, String)
    /// The copy fails `PRAGMA integrity_check`; the problems SQLite found.
    case damaged(String, String)
    /// A backup this binary must not restore: another build or a newer CalSync wrote it.
    case incompatible(String, StoreError)

    public var description: String {
        switch self {
        case .noDatabase(let path):
            return "there is no database at \(path)"
        case .destinationExists(let path):
            return "\(path) already exists; choose another name, or pass --force to replace it"
        case .destinationIsADirectory(let path):
            return "\(path) is a directory; name the backup file, e.g. \(path)/calsync-backup.sqlite"
        case .sameFile(let path):
            return "the copy cannot be written over the database \(path) itself"
        case .notCalSync(let path):
            return "\(path) is not a CalSync database (it has no calsync_migrations table)"
        case .cannotRead(let path, let why):
            return "cannot read the database \(path): \(why)"
        case .cannotWrite(let path, let why):
            return "cannot write the backup \(path): \(why)"
        case .damaged(let path, let problems):
            return "\(path) is damaged: PRAGMA integrity_check found \(problems)"
        case .incompatible(let path, let why):
            return "\(path) cannot be restored by this CalSync: \(why)"
        }
    }
}
