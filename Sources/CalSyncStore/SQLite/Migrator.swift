import Foundation

/// Applies ordered, named migrations (GRDB's `DatabaseMigrator` shape).
///
/// Each pending migration runs in its own IMMEDIATE transaction that also records its name in
/// `calsync_migrations` and sets `PRAGMA user_version` to the number of applied migrations, so a crash leaves
/// the schema at a migration boundary. Before anything is changed, the database's history is compared with this
/// binary's list, position by position: more migrations than this binary knows, the same ones first, means a newer
/// binary wrote it (`StoreError.databaseTooNew`); another name at some position means a different build did
/// (`StoreError.migrationHistoryDiffers`). Both are refused.
public struct Migrator: Sendable {
    public private(set) var migrations: [Migration] = []

    public init(_ migrations: [Migration] = []) {
        for migration in migrations { register(migration) }
    }

    /// Appends a migration; names must be unique.
    public mutating func register(_ migration: Migration) {
        precondition(!migrations.contains { $0.name == migration.name }, "duplicate migration \(migration.name)")
        migrations.append(migration)
    }

    public var names: [String] { migrations.map(\.name) }

    /// Names of the migrations recorded in the database, in the order they were applied.
    public func appliedMigrations(in db: SQLiteDatabase) throws -> [String] {
        try createLogTable(db)
        return try db.fetchAll("SELECT name FROM calsync_migrations ORDER BY position, name") { $0.string(at: 0) }
    }

    /// Applies every pending migration, in order. Returns the names it applied.
    @discardableResult
    public func migrate(_ db: SQLiteDatabase, now: Date = Date()) throws -> [String] {
        try refuseForeignHistory(applied: appliedMigrations(in: db))
        var applied: [String] = []
        for migration in migrations {
            let restoreForeignKeys = try migration.pausesForeignKeys ? pauseForeignKeys(db) : nil
            defer { if let restoreForeignKeys { try? db.execute("PRAGMA foreign_keys = \(restoreForeignKeys)") } }
            let didApply = try db.transaction(.immediate) { () throws -> Bool in
                // Read again under the write lock: another process may have migrated meanwhile.
                let done = try appliedMigrations(in: db)
                try refuseForeignHistory(applied: done)
                guard !done.contains(migration.name) else { return false }
                try migration.body(db)
                if migration.pausesForeignKeys { try checkForeignKeys(db, after: migration) }
                try db.run(
                    "INSERT INTO calsync_migrations (name, position, applied_at_ms) VALUES (?, ?, ?)",
                    migration.name, done.count + 1, now.millisecondsSince1970)
                try db.execute("PRAGMA user_version = \(done.count + 1)")
                return true
            }
            if didApply { applied.append(migration.name) }
        }
        return applied
    }

    /// Turns foreign keys off (outside any transaction: inside one the pragma does nothing) and returns the value to
    /// restore (`ON` or `OFF`) afterwards.
    private func pauseForeignKeys(_ db: SQLiteDatabase) throws -> String {
        guard !db.isInTransaction else {
            throw StoreError.invalidArgument("a migration that pauses foreign keys cannot run inside a transaction")
        }
        let wasOn = try db.fetchOne("PRAGMA foreign_keys") { $0.bool(at: 0) } ?? false
        try db.execute("PRAGMA foreign_keys = OFF")
        return wasOn ? "ON" : "OFF"
    }

    /// Refuses (rolling the migration back) when a reference no longer finds its row.
    private func checkForeignKeys(_ db: SQLiteDatabase, after migration: Migration) throws {
        let broken = try db.fetchAll("PRAGMA foreign_key_check") { "\($0.string(at: 0)) → \($0.string(at: 2))" }
        guard broken.isEmpty else {
            throw StoreError.corruptValue(
                "migration \(migration.name) would leave \(broken.count) rows without the row they reference "
                    + "(\(Set(broken).sorted().joined(separator: ", ")))")
        }
    }

    private func createLogTable(_ db: SQLiteDatabase) throws {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS calsync_migrations (
                name TEXT PRIMARY KEY NOT NULL,
                position INTEGER NOT NULL,
                applied_at_ms INTEGER NOT NULL
            )
            """)
    }

    func refuseForeignHistory(applied: [String]) throws {
        for (index, (recorded, mine)) in zip(applied, names).enumerated() where recorded != mine {
            throw StoreError.migrationHistoryDiffers(position: index + 1, recorded: recorded, known: mine)
        }
        if applied.count > migrations.count {
            throw StoreError.databaseTooNew(applied: applied.count, known: migrations.count)
        }
    }
}
