import CSQLite

/// An error reported by SQLite.
///
/// Like GRDB's `DatabaseError`, the description shows the failing SQL but never the values bound to it:
/// bound values may be secrets or personal data.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY`, `SQLITE_BUSY_SNAPSHOT`, ...).
    public let extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`), or the generic text of the code.
    public let message: String
    /// The statement that failed, when there is one.
    public let sql: String?

    public init(code: Int32, message: String? = nil, sql: String? = nil) {
        self.extendedCode = code
        self.message = message ?? String(cString: sqlite3_errstr(code))
        self.sql = sql
    }

    /// Reads the connection's last error.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(code: code, message: message, sql: sql)
    }

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public var code: Int32 { extendedCode & 0xFF }

    /// `SQLITE_CONSTRAINT_FOREIGNKEY`, spelled out: Swift cannot import that macro.
    public var isForeignKeyViolation: Bool { extendedCode == SQLITE_CONSTRAINT | (3 << 8) }
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " (while running `\(sql)`)" }
        return text
    }
}
