import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

/// `DatabaseRestore`: a verified backup replaces the database; the database it replaces is kept beside it.
@Suite struct DatabaseRestoreTests {
    static let now = Timestamp.parse("2026-03-02T09:30:05Z")!

    /// The database, a backup of it holding i-0 only, and then i-1 added to the database.
    static func databaseAndBackup() async throws -> (TemporaryDatabase, TemporaryDatabase) {
        let file = TemporaryDatabase()
        let backup = TemporaryDatabase()
        let store = try CalSyncStore(path: file.path)
        try await store.saveInstructor(sampleInstructor(id: "i-0"))
        _ = try DatabaseBackup.copy(file.path, to: backup.path)
        try await store.saveInstructor(sampleInstructor(id: "i-1"))
        return (file, backup)
    }

    static func removeAll(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func theBackupReplacesTheDatabaseAndTheReplacedOneIsKept() async throws {
        let (file, backup) = try await Self.databaseAndBackup()
        defer {
            file.remove()
            backup.remove()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let restore = try DatabaseRestore.restore(backup.path, into: file.path, now: Self.now)
        let kept = try #require(restore.keptAs)
        defer { Self.removeAll(kept) }

        #expect(kept == file.path + ".before-restore-20260302T093005Z")
        #expect(try await DatabaseBackupTests.instructorIds(in: file.path) == ["i-0"])
        #expect(try await DatabaseBackupTests.instructorIds(in: kept) == ["i-0", "i-1"])
        #expect(try await CalSyncStore(path: file.path).integrityCheck() == "ok")
        #expect(restore.database.migrations == CalSyncStore.knownMigrations)
        #expect(restore.database.path == file.path)
        // The backup is its owner's only; the restored database has the permissions of the one it replaced.
        #expect(try FileManager.default.attributesOfItem(atPath: backup.path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o640)
        // The backup itself is left as it was.
        #expect(try await DatabaseBackupTests.instructorIds(in: backup.path) == ["i-0"])
    }

    @Test func aMissingDatabaseIsCreatedFromTheBackup() async throws {
        let (file, backup) = try await Self.databaseAndBackup()
        defer {
            file.remove()
            backup.remove()
        }
        let fresh = TemporaryDatabase()
        defer { fresh.remove() }
        let restore = try DatabaseRestore.restore(backup.path, into: fresh.path, now: Self.now)
        #expect(restore.keptAs == nil)
        #expect(try await DatabaseBackupTests.instructorIds(in: fresh.path) == ["i-0"])
    }

    @Test func aDamagedBackupIsRefusedAndTheDatabaseIsUntouched() async throws {
        let (file, backup) = try await Self.databaseAndBackup()
        defer {
            file.remove()
            backup.remove()
        }
        let bytes = try #require(FileManager.default.contents(atPath: backup.path))
        var damaged = bytes
        // Page 2 onwards overwritten: the header still says SQLite, the b-trees do not hold.
        for index in 4096..<damaged.count { damaged[index] = 0x5A }
        try damaged.write(to: URL(fileURLWithPath: backup.path))

        let error = #expect(throws: DatabaseBackupError.self) {
            _ = try DatabaseRestore.restore(backup.path, into: file.path, now: Self.now)
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(
            text.hasPrefix("cannot read the database \(backup.path): ") || text.hasPrefix("\(backup.path) is damaged: "),
            "\(text)")
        #expect(try await DatabaseBackupTests.instructorIds(in: file.path) == ["i-0", "i-1"])
        #expect(
            DatabaseBackupTests.filesNamedLike(file.path).allSatisfy {
                !$0.contains("before-restore") && !$0.contains("restoring")
            })
    }

    @Test func aBackupFromANewerCalSyncIsRefused() async throws {
        let (file, backup) = try await Self.databaseAndBackup()
        defer {
            file.remove()
            backup.remove()
        }
        try SQLiteDatabase(path: backup.path).execute(
            "INSERT INTO calsync_migrations (name, position, applied_at_ms) VALUES ('from-the-future', 9999, 0)")
        let known = CalSyncStore.knownMigrations.count
        #expect(
            throws: DatabaseBackupError.incompatible(backup.path, StoreError.databaseTooNew(applied: known + 1, known: known))
        ) {
            _ = try DatabaseRestore.restore(backup.path, into: file.path, now: Self.now)
        }
        #expect(try await DatabaseBackupTests.instructorIds(in: file.path) == ["i-0", "i-1"])
    }

    @Test func aMissingBackupIsNamed() async throws {
        let (file, backup) = try await Self.databaseAndBackup()
        defer {
            file.remove()
            backup.remove()
        }
        let missing = TemporaryDatabase().path
        #expect(throws: DatabaseBackupError.noDatabase(missing)) {
            _ = try DatabaseRestore.restore(missing, into: file.path, now: Self.now)
        }
        #expect(throws: DatabaseBackupError.sameFile(file.path)) {
            _ = try DatabaseRestore.restore(file.path, into: file.path, now: Self.now)
        }
    }
}
