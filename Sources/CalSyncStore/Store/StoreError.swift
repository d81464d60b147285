/// Errors of the store, as sentences an operator can act on. Never carries a secret or a bound value.
public enum StoreError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The database has migrations this binary does not know: a newer CalSync wrote it.
    case databaseTooNew(applied: Int, known: Int)
    /// The database's migration at `position` (1-based) is not this binary's: another build of CalSync wrote it.
    case migrationHistoryDiffers(position: Int, recorded: String, known: String)
    /// The database file cannot be opened, for a reason the file system gives (e.g. its directory does not exist).
    case cannotOpen(path: String, reason: String)
    /// The thing named does not exist (e.g. "instructor i-1").
    case notFound(String)
    /// An argument breaks a rule of the store (e.g. a busy block given for another person).
    case invalidArgument(String)
    /// A stored value cannot be read back (e.g. an unknown enum value in a column).
    case corruptValue(String)

    public var description: String {
        switch self {
        case .databaseTooNew(let applied, let known):
            return "this database was written by a newer CalSync (schema \(applied), this binary knows \(known)); "
                + "upgrade CalSync or point CALSYNC_DATABASE elsewhere"
        case .migrationHistoryDiffers(let position, let recorded, let known):
            return "this database's migration \(position) is \"\(recorded)\", this binary's is \"\(known)\": "
                + "it was written by a different build of CalSync; run the build that wrote it or point CALSYNC_DATABASE "
                + "elsewhere"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason)"
        case .notFound(let what):
            return "\(what) not found"
        case .invalidArgument(let why):
            return "invalid argument: \(why)"
        case .corruptValue(let what):
            return "stored value cannot be read: \(what)"
        }
    }
}
