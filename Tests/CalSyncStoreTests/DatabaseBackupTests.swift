import CalSyncCore
import Foundation
import Synchronization
import Testing

@testable import CalSyncStore

/// `DatabaseBackup`: SQLite's online backup of a database another connection keeps writing, verified and renamed
/// into place; what it refuses.
@Suite struct DatabaseBackupTests {
    /// A store file holding one integration and `people` instructors.
    static func seededFile(people: Int) async throws -> TempDatabaseFile {
        let file = TempDatabaseFile()
        let store = try CalSyncStore(path: file.path)
        try await store.saveIntegration(sampleIntegration())
        for n in 0..<people { try await store.saveInstructor(sampleInstructor(id: "i-\(n)")) }
        return file
    }

    static func instructorIds(in path: String) async throws -> Set<String> {
        Set(try await CalSyncStore(path: path).instructors().map(\.id))
    }

    /// Every file in `file`'s directory whose name starts with the backup's name (temporary files included).
    static func filesNamedLike(_ path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.contains(url.lastPathComponent) }.sorted()
    }

    @Test func aWriteDuringTheCopyIsNotBlockedAndTheCopyIsOneSnapshot() async throws {
        let file = try await Self.seededFile(people: 300)
        let copy = TempDatabaseFile()
        defer {
            file.remove()
            copy.remove()
        }
        // Another connection, as `calsync serve` is while an operator runs `calsync backup`.
        let writer = try SQLiteDatabase(path: file.path)
        try writer.execute("PRAGMA busy_timeout = 2000")
        var steps = 0
        var writeSeconds: Double?
        var writeFailure: String?
        let backup = try DatabaseBackup.copy(file.path, to: copy.path, pagesPerStep: 1) { _ in
            steps += 1
            guard steps == 2 else { return }
            let start = Date()
            do {
                try writer.execute(
                    "UPDATE instructors SET name = 'Renamed during the copy' WHERE id = 'i-0'; "
                        + "DELETE FROM instructors WHERE id = 'i-299'")
                writeSeconds = Date().timeIntervalSince(start)
            } catch {
                writeFailure = "\(error)"
            }
        }
        #expect(writeFailure == nil)
        #expect(steps > 2, "copied in \(steps) steps")
        #expect(try #require(writeSeconds) < 0.5, "the copy held the writer back")
        #expect(try await CalSyncStore(path: file.path).instructor(id: "i-299") == nil)

        let restored = try CalSyncStore(path: copy.path)
        #expect(try await restored.integrityCheck() == "ok")
        #expect(try await restored.appliedMigrations() == CalSyncStore.knownMigrations)
        #expect(try await restored.instructors().count == 300)
        #expect(try await restored.instructor(id: "i-0")?.name == "Person i-0")
        #expect(try await restored.integration(id: "int-1")?.connection.secret == Secret("s3cr3t-int-1"))
        #expect(backup.path == copy.path)
        // It holds the integrations' client secrets: its owner only.
        #expect(try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int == 0o600)
        #expect(backup.pages > 2 && backup.pageSize == 4096)
        #expect(backup.bytes == backup.pages * backup.pageSize)
        #expect(backup.migrations == CalSyncStore.knownMigrations)
    }

    @Test func aBackupTakenWhileAnotherStoreKeepsWritingHoldsTheData() async throws {
        let file = try await Self.seededFile(people: 200)
        let copy = TempDatabaseFile()
        defer {
            file.remove()
            copy.remove()
        }
        let live = try CalSyncStore(path: file.path)
        let written = Mutex(0)
        let stop = Mutex(false)
        let writer = Task {
            while !stop.withLock({ $0 }) {
                let n = written.withLock { n -> Int in
                    n += 1
                    return n
                }
                _ = try await live.saveInstructor(sampleInstructor(id: "new-\(n)"))
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let before = written.withLock { $0 }
        let backup = try DatabaseBackup.copy(file.path, to: copy.path, pagesPerStep: 4)
        try await Task.sleep(for: .milliseconds(50))
        stop.withLock { $0 = true }
        try await writer.value

        #expect(written.withLock { $0 } > before, "the writer stopped while the copy ran")
        let ids = try await Self.instructorIds(in: copy.path)
        #expect(ids.isSuperset(of: (0..<200).map { "i-\($0)" }))
        let newOnes = ids.filter { $0.hasPrefix("new-") }.compactMap { Int($0.dropFirst(4)) }.sorted()
        // One snapshot: the people written before it, without a gap.
        #expect(newOnes == Array(1..<(newOnes.count + 1)))
        #expect(newOnes.count < written.withLock { $0 })
        #expect(backup.migrations == CalSyncStore.knownMigrations)
    }

    @Test func anExistingFileIsReplacedOnlyWhenAsked() async throws {
        let file = try await Self.seededFile(people: 1)
        let copy = TempDatabaseFile()
        defer {
            file.remove()
            copy.remove()
        }
        #expect(FileManager.default.createFile(atPath: copy.path, contents: Data("keep me".utf8)))
        let error = #expect(throws: DatabaseBackupError.self) { _ = try DatabaseBackup.copy(file.path, to: copy.path) }
        #expect(error == .destinationExists(copy.path))
        #expect(FileManager.default.contents(atPath: copy.path) == Data("keep me".utf8))

        _ = try DatabaseBackup.copy(file.path, to: copy.path, replacing: true)
        #expect(try await Self.instructorIds(in: copy.path) == ["i-0"])
        #expect(Self.filesNamedLike(copy.path).count == 1, "\(Self.filesNamedLike(copy.path))")
    }

    @Test func refusals() async throws {
        let file = try await Self.seededFile(people: 1)
        let copy = TempDatabaseFile()
        defer {
            file.remove()
            copy.remove()
        }
        let missing = TempDatabaseFile().path
        #expect(throws: DatabaseBackupError.noDatabase(missing)) { _ = try DatabaseBackup.copy(missing, to: copy.path) }
        #expect(throws: DatabaseBackupError.sameFile(file.path)) {
            _ = try DatabaseBackup.copy(file.path, to: file.path, replacing: true)
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: DatabaseBackupError.destinationIsADirectory(directory)) {
            _ = try DatabaseBackup.copy(file.path, to: directory, replacing: true)
        }
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-dir-\(UUID())/b.sqlite").path
        let error = #expect(throws: DatabaseBackupError.self) { _ = try DatabaseBackup.copy(file.path, to: nowhere) }
        #expect(error.map { "\($0)" }?.hasPrefix("cannot write the backup \(nowhere): ") == true)
        #expect(Self.filesNamedLike(copy.path) == [])
    }

    @Test func aFileThatIsNotACalSyncDatabaseIsRefusedAndNothingIsLeft() throws {
        let other = TempDatabaseFile()
        let copy = TempDatabaseFile()
        defer {
            other.remove()
            copy.remove()
        }
        try SQLiteDatabase(path: other.path).execute("CREATE TABLE notes (body TEXT)")
        #expect(throws: DatabaseBackupError.notCalSync(other.path)) { _ = try DatabaseBackup.copy(other.path, to: copy.path) }
        #expect(Self.filesNamedLike(copy.path) == [])
        #expect(FileManager.default.createFile(atPath: other.path, contents: Data(repeating: 0x41, count: 8192)))
        let error = #expect(throws: DatabaseBackupError.self) { _ = try DatabaseBackup.copy(other.path, to: copy.path) }
        #expect(error.map { "\($0)" }?.hasPrefix("cannot read the database \(other.path): ") == true)
        #expect(Self.filesNamedLike(copy.path) == [])
    }
}
