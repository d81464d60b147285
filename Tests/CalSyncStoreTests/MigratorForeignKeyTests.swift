import Foundation
import Testing

@testable import CalSyncStore

/// A migration that rebuilds a table other tables reference (create, copy, drop, rename) runs with foreign keys paused,
/// as SQLite's procedure for such changes says: the rows that reference it survive, and the migration is refused when it
/// would leave a reference without its row.
@Suite struct MigratorForeignKeyTests {
    static let parentAndChild = Migration(
        "001-parent-and-child",
        sql: """
            CREATE TABLE parent (id TEXT PRIMARY KEY NOT NULL, old_column TEXT);
            CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id) ON DELETE CASCADE, value TEXT);
            INSERT INTO parent VALUES ('p1', 'a'), ('p2', 'b');
            INSERT INTO child VALUES ('p1', 'x'), ('p1', 'y'), ('p2', 'z');
            """)

    static let rebuild = """
        CREATE TABLE parent_rebuilt (id TEXT PRIMARY KEY NOT NULL, new_column TEXT);
        INSERT INTO parent_rebuilt (id, new_column) SELECT id, upper(old_column) FROM parent;
        DROP TABLE parent;
        ALTER TABLE parent_rebuilt RENAME TO parent;
        """

    func database() throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("PRAGMA foreign_keys = ON")
        return db
    }

    func count(_ db: SQLiteDatabase, _ table: String) throws -> Int {
        try db.fetchOne("SELECT count(*) FROM \(table)") { $0.int(at: 0) } ?? -1
    }

    @Test func aRebuildWithForeignKeysPausedKeepsTheRowsThatReferenceTheTable() throws {
        let db = try database()
        try Migrator([Self.parentAndChild, Migration("002-rebuild", pausesForeignKeys: true, sql: Self.rebuild)]).migrate(db)
        #expect(try count(db, "child") == 3)
        #expect(try db.fetchAll("SELECT new_column FROM parent ORDER BY id") { $0.string(at: 0) } == ["A", "B"])
        #expect(try db.pragma("foreign_keys") == .integer(1), "foreign keys are on again")
        // The children reference the rebuilt table: deleting a parent still cascades.
        try db.run("DELETE FROM parent WHERE id = ?", "p1")
        #expect(try count(db, "child") == 1)
    }

    @Test func theSameRebuildWithForeignKeysOnWouldDeleteThem() throws {
        let db = try database()
        try Migrator([Self.parentAndChild, Migration("002-rebuild", sql: Self.rebuild)]).migrate(db)
        #expect(try count(db, "child") == 0, "DROP TABLE deletes its rows first, and ON DELETE CASCADE follows")
    }

    @Test func aMigrationThatWouldLeaveAReferenceWithoutItsRowIsRolledBack() throws {
        let db = try database()
        let losing = Migration(
            "002-losing-a-parent", pausesForeignKeys: true,
            sql: Self.rebuild.replacingOccurrences(of: "FROM parent;", with: "FROM parent WHERE id = 'p2';"))
        let error = #expect(throws: StoreError.self) { try Migrator([Self.parentAndChild, losing]).migrate(db) }
        #expect(
            error
                == .corruptValue(
                    "migration 002-losing-a-parent would leave 2 rows without the row they reference (child → parent)"))
        #expect(try db.fetchAll("SELECT name FROM calsync_migrations") { $0.string(at: 0) } == ["001-parent-and-child"])
        #expect(try db.fetchAll("SELECT old_column FROM parent ORDER BY id") { $0.string(at: 0) } == ["a", "b"])
        #expect(try count(db, "child") == 3)
        #expect(try db.pragma("foreign_keys") == .integer(1))
    }
}
