import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct OpenFailureTests {
    @Test func aMissingDirectoryIsNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString)").path
        let path = directory + "/calsync.sqlite"
        let error = #expect(throws: StoreError.self) { _ = try CalSyncStore(path: path) }
        #expect(
            error?.description
                == "cannot open the database \(path): the directory \(directory) does not exist; create it or choose another path"
        )
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func aFileWhereTheDirectoryShouldBeIsNamed() throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("not a directory".utf8)))
        let error = #expect(throws: StoreError.self) { _ = try CalSyncStore(path: file.path + "/calsync.sqlite") }
        #expect(error == .cannotOpen(path: file.path + "/calsync.sqlite", reason: "\(file.path) is not a directory"))
    }

    @Test func aDirectoryWhereTheFileShouldBeIsNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let error = #expect(throws: StoreError.self) { _ = try CalSyncStore(path: directory) }
        #expect(error == .cannotOpen(path: directory, reason: "\(directory) is a directory, not a database file"))
    }

    @Test func aPathThatOpensIsNotDiagnosed() {
        #expect(CalSyncStore.whyCannotOpen(":memory:") == nil)
        #expect(CalSyncStore.whyCannotOpen(FileManager.default.temporaryDirectory.path + "/calsync-new.sqlite") == nil)
        #expect(CalSyncStore.whyCannotOpen("relative-in-the-working-directory.sqlite") == nil)
    }
}
