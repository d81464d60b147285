import CSQLite
import Foundation

/// A prepared SQLite statement: typed binds, stepping, column reads.
///
/// A statement belongs to its connection's queue: it is deliberately not `Sendable` (the GRDB contract).
/// Statements handed out by `SQLiteDatabase.cachedStatement(_:)` are shared by every caller of the same SQL,
/// so the helpers below always reset a statement when they are done with it.
public final class Statement {
    public let sql: String
    let handle: OpaquePointer
    /// The owning connection. `sqlite3_close_v2` keeps it alive until every statement is finalized.
    private let connection: OpaquePointer

    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // `tail` points into the C string, so it is read inside the closure that keeps that string alive.
        let (code, hasTrailingStatement) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            let rest = tail.map { String(cString: $0) } ?? ""
            return (code, rest.contains { !$0.isWhitespace && $0 != ";" })
        }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement to prepare", sql: sql)
        }
        if hasTrailingStatement {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use execute(_:)", sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: - Binding

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
        case .real(let v): code = sqlite3_bind_double(handle, index, v)
        case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, csqlite_transient())
        case .blob(let v):
            code =
                v.isEmpty
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), csqlite_transient()) }
        case .null: code = sqlite3_bind_null(handle, index)
        }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
    }

    /// Resets the statement and binds all its parameters, in order.
    public func bind(_ arguments: [any SQLiteBindable]) throws {
        reset()
        sqlite3_clear_bindings(handle)
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "expected \(parameterCount) arguments, got \(arguments.count)", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqliteValue, at: Int32(offset + 1))
        }
    }

    // MARK: - Running

    /// Steps once: true when a row is available, false when the statement is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: code, connection: connection, sql: sql)
        }
    }

    /// Makes the statement ready to run again (keeps the bindings). Ends its read, so WAL checkpoints can proceed.
    public func reset() { sqlite3_reset(handle) }

    /// Binds the arguments and runs the statement to completion.
    public func execute(_ arguments: any SQLiteBindable...) throws { try execute(arguments: arguments) }

    public func execute(arguments: [any SQLiteBindable]) throws {
        try bind(arguments)
        defer { reset() }
        while try step() {}
    }

    /// Binds the arguments and decodes every row with `row`. Rows are all read before returning, so `row`
    /// must only read columns (it runs while the statement is mid-step).
    public func fetchAll<T>(_ arguments: any SQLiteBindable..., row: (Statement) throws -> T) throws -> [T] {
        try fetchAll(arguments: arguments, row: row)
    }

    public func fetchAll<T>(arguments: [any SQLiteBindable], row: (Statement) throws -> T) throws -> [T] {
        try bind(arguments)
        defer { reset() }
        var rows: [T] = []
        while try step() { rows.append(try row(self)) }
        return rows
    }

    /// Like `fetchAll`, for the first row only.
    public func fetchOne<T>(_ arguments: any SQLiteBindable..., row: (Statement) throws -> T) throws -> T? {
        try fetchOne(arguments: arguments, row: row)
    }

    public func fetchOne<T>(arguments: [any SQLiteBindable], row: (Statement) throws -> T) throws -> T? {
        try bind(arguments)
        defer { reset() }
        return try step() ? try row(self) : nil
    }

    // MARK: - Columns (0-based)

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }

    public func isNull(at index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    public func int(at index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

    public func bool(at index: Int32) -> Bool { sqlite3_column_int64(handle, index) != 0 }

    public func double(at index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// The column as text; NULL reads as "".
    public func string(at index: Int32) -> String {
        guard let text = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as a blob; NULL reads as empty data.
    public func data(at index: Int32) -> Data {
        guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, index)))
    }

    public func optionalInt64(at index: Int32) -> Int64? { isNull(at: index) ? nil : int64(at: index) }

    public func optionalInt(at index: Int32) -> Int? { isNull(at: index) ? nil : int(at: index) }

    public func optionalString(at index: Int32) -> String? { isNull(at: index) ? nil : string(at: index) }

    /// The column with its storage class.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index))
        case SQLITE_BLOB: return .blob(data(at: index))
        default: return .null
        }
    }
}

/// A statement is confined to its connection's queue.
@available(*, unavailable)
extension Statement: Sendable {}
