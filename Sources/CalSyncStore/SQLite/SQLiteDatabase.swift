import CSQLite
import Foundation

/// One SQLite connection.
///
/// Not thread-safe and not `Sendable`: it is opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`) and must be
/// used from one serial queue at a time (`CalSyncStore` owns it on its private queue).
public final class SQLiteDatabase {
    /// `sqlite3_open_v2` flags.
    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        public static let uri = OpenFlags(rawValue: SQLITE_OPEN_URI)
        public static let memory = OpenFlags(rawValue: SQLITE_OPEN_MEMORY)
        public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
        public static let fullMutex = OpenFlags(rawValue: SQLITE_OPEN_FULLMUTEX)
        public static let noFollow = OpenFlags(rawValue: SQLITE_OPEN_NOFOLLOW)

        /// Read-write, created when missing, one queue per connection.
        public static let `default`: OpenFlags = [.readWrite, .create, .noMutex]
    }

    public let path: String
    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    var savepointDepth = 0

    /// Opens (or creates) the database at `path`; ":memory:" opens a private in-memory database.
    public init(path: String, flags: OpenFlags = .default) throws {
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags.rawValue, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(code: code, connection: connection, sql: nil)
            sqlite3_close_v2(connection)
            throw SQLiteError(code: error.extendedCode, message: "cannot open \(path): \(error.message)")
        }
        sqlite3_extended_result_codes(connection, 1)
        self.handle = connection
        self.path = path
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: - Running SQL

    /// Runs one or more `;`-separated statements without arguments (schema scripts, pragmas).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) }
            throw SQLiteError(
                code: sqlite3_extended_errcode(handle), message: text ?? String(cString: sqlite3_errstr(code)), sql: sql)
        }
    }

    /// Prepares a statement the caller owns (not cached).
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: handle, sql: sql, persistent: false)
    }

    /// The prepared statement for `sql`, prepared once per connection and reused.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(connection: handle, sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one statement (cached) with arguments.
    public func run(_ sql: String, _ arguments: any SQLiteBindable...) throws {
        try cachedStatement(sql).execute(arguments: arguments)
    }

    public func run(_ sql: String, arguments: [any SQLiteBindable]) throws {
        try cachedStatement(sql).execute(arguments: arguments)
    }

    /// Runs one query (cached) and decodes every row.
    public func fetchAll<T>(_ sql: String, _ arguments: any SQLiteBindable..., row: (Statement) throws -> T) throws -> [T] {
        try cachedStatement(sql).fetchAll(arguments: arguments, row: row)
    }

    public func fetchAll<T>(_ sql: String, arguments: [any SQLiteBindable], row: (Statement) throws -> T) throws -> [T] {
        try cachedStatement(sql).fetchAll(arguments: arguments, row: row)
    }

    /// Runs one query (cached) and decodes its first row.
    public func fetchOne<T>(_ sql: String, _ arguments: any SQLiteBindable..., row: (Statement) throws -> T) throws -> T? {
        try cachedStatement(sql).fetchOne(arguments: arguments, row: row)
    }

    // MARK: - Connection state

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

    /// True while a transaction is open (the connection is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Sets an on/off `sqlite3_db_config` option (`SQLITE_DBCONFIG_DEFENSIVE`, ...); returns the value now in force.
    @discardableResult
    public func configure(_ option: Int32, enabled: Bool) throws -> Bool {
        var current: Int32 = 0
        let code = csqlite_db_config_int(handle, option, enabled ? 1 : 0, &current)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle, sql: nil) }
        return current != 0
    }

    /// Reads a pragma's first value (`journal_mode`, `user_version`, ...).
    public func pragma(_ name: String) throws -> SQLiteValue {
        try fetchOne("PRAGMA \(name)") { $0.value(at: 0) } ?? .null
    }
}
