/// One schema change: a unique name and the work it does.
///
/// Migrations are immutable once shipped: a released migration is never edited, a change is a new migration.
public struct Migration: Sendable {
    public let name: String
    /// Whether foreign keys are off while it runs: a migration that rebuilds a table other tables reference (create
    /// the new table, copy, drop the old one, rename) needs them off, or dropping the old table would delete every
    /// row that references it (ON DELETE CASCADE). The migrator turns them off around its transaction and checks, before
    /// committing, that every reference still finds its row (SQLite's documented procedure for schema changes).
    public let pausesForeignKeys: Bool
    let body: @Sendable (SQLiteDatabase) throws -> Void

    public init(_ name: String, pausesForeignKeys: Bool = false, body: @escaping @Sendable (SQLiteDatabase) throws -> Void) {
        self.name = name
        self.pausesForeignKeys = pausesForeignKeys
        self.body = body
    }

    /// A migration that runs an SQL script.
    public init(_ name: String, pausesForeignKeys: Bool = false, sql: String) {
        self.init(name, pausesForeignKeys: pausesForeignKeys) { try $0.execute(sql) }
    }
}
