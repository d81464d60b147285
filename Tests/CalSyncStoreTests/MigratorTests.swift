import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct MigratorTests {
    @Test func migrationsAreRecordedInOrderWithUserVersion() async throws {
        let store = try makeStore()
        #expect(try await store.appliedMigrations() == CalSyncStore.knownMigrations)
        #expect(CalSyncStore.knownMigrations.count == 12)
        let db = try SQLiteDatabase(path: ":memory:")
        let applied = try CalSyncSchema.migrator.migrate(db)
        #expect(applied == CalSyncStore.knownMigrations)
        #expect(try db.pragma("user_version") == .integer(Int64(CalSyncStore.knownMigrations.count)))
    }

    @Test func reopeningAFileIsIdempotent() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        do {
            let store = try CalSyncStore(path: file.path)
            try await store.saveInstructor(sampleInstructor())
        }
        let again = try CalSyncStore(path: file.path)
        #expect(try await again.appliedMigrations() == CalSyncStore.knownMigrations)
        #expect(try await again.instructors().map(\.id) == ["i-1"])
        let db = try SQLiteDatabase(path: file.path)
        #expect(try CalSyncSchema.migrator.migrate(db).isEmpty)
        #expect(try db.fetchOne("SELECT count(*) FROM calsync_migrations") { $0.int(at: 0) } == 12)
    }

    @Test func filesUseWALAndForeignKeys() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path)
        #expect(try await store.journalMode() == "wal")
        #expect(try await store.integrityCheck() == "ok")
        #expect(FileManager.default.fileExists(atPath: file.path + "-wal"))
    }

    @Test func aDatabaseFromANewerBinaryIsRefused() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        _ = try CalSyncStore(path: file.path)
        do {
            let db = try SQLiteDatabase(path: file.path)
            try db.run(
                "INSERT INTO calsync_migrations (name, position, applied_at_ms) VALUES (?, ?, ?)",
                "999-from-the-future", CalSyncStore.knownMigrations.count + 1, 0)
        }
        let known = CalSyncStore.knownMigrations.count
        let error = #expect(throws: StoreError.self) { _ = try CalSyncStore(path: file.path) }
        #expect(error == .databaseTooNew(applied: known + 1, known: known))
        #expect(
            error?.description
                == "this database was written by a newer CalSync (schema \(known + 1), this binary knows \(known)); "
                + "upgrade CalSync or point CALSYNC_DATABASE elsewhere")
    }

    @Test func aDatabaseFromADifferentBuildIsRefusedAsSuch() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        _ = try CalSyncStore(path: file.path)
        do {
            let db = try SQLiteDatabase(path: file.path)
            try db.run("UPDATE calsync_migrations SET name = ? WHERE position = 3", "003-pull-state-experimental")
        }
        let error = #expect(throws: StoreError.self) { _ = try CalSyncStore(path: file.path) }
        #expect(error == .migrationHistoryDiffers(position: 3, recorded: "003-pull-state-experimental", known: "003-pull-state"))
        #expect(
            error?.description
                == "this database's migration 3 is \"003-pull-state-experimental\", this binary's is \"003-pull-state\": "
                + "it was written by a different build of CalSync; run the build that wrote it or point CALSYNC_DATABASE "
                + "elsewhere")
    }

    @Test func aDifferentHistoryIsRefusedBeforeAnythingIsApplied() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try Migrator([Migration("one", sql: "CREATE TABLE a (x)"), Migration("two-a", sql: "CREATE TABLE b (x)")]).migrate(db)
        let other = Migrator([
            Migration("one", sql: "CREATE TABLE a (x)"), Migration("two-b", sql: "CREATE TABLE c (x)"),
            Migration("three", sql: "CREATE TABLE d (x)"),
        ])
        #expect(throws: StoreError.migrationHistoryDiffers(position: 2, recorded: "two-a", known: "two-b")) {
            try other.migrate(db)
        }
        // Same names, another order: refused too, never taken for a newer database.
        let swapped = Migrator([Migration("two-a", sql: ""), Migration("one", sql: ""), Migration("three", sql: "")])
        #expect(throws: StoreError.migrationHistoryDiffers(position: 1, recorded: "one", known: "two-a")) {
            try swapped.migrate(db)
        }
        #expect(try other.appliedMigrations(in: db) == ["one", "two-a"])
        #expect(try db.fetchOne("SELECT count(*) FROM sqlite_schema WHERE name IN ('c', 'd')") { $0.int(at: 0) } == 0)
    }

    @Test func aFailingMigrationLeavesNothingBehind() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let migrator = Migrator([
            Migration("one", sql: "CREATE TABLE a (x)"),
            Migration("two", sql: "CREATE TABLE b (x); CREATE TABLE a (x)"),
        ])
        #expect(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(try migrator.appliedMigrations(in: db) == ["one"])
        #expect(try db.fetchOne("SELECT count(*) FROM sqlite_schema WHERE name = 'b'") { $0.int(at: 0) } == 0)
        #expect(try db.pragma("user_version") == .integer(1))
    }

    @Test func newMigrationsApplyOnTopOfOldOnes() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let v1 = Migrator([Migration("one", sql: "CREATE TABLE a (x)")])
        try v1.migrate(db)
        var v2 = v1
        v2.register(Migration("two", sql: "ALTER TABLE a ADD COLUMN y"))
        #expect(try v2.migrate(db) == ["two"])
        #expect(throws: StoreError.databaseTooNew(applied: 2, known: 1)) { try v1.migrate(db) }
    }
}
