/// One schema change: a unique name and the work it does.
///
/// Migrations are immutable once shipped: a released migration is never edited, a change is a new migration.
public struct Migration: Sendable {
    public let name: String
    let body: @Sendable (SQLiteDatabase) throws -> Void

    public init(_ name: String, body: @escaping @Sendable (SQLiteDatabase) throws -> Void) {
        self.name = name
        self.body = body
    }

    /// A migration that runs an SQL script.
    public init(_ name: String, sql: String) {
        self.init(name) { try $0.execute(sql) }
    }
}
