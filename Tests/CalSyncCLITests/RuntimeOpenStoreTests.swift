import Foundation
import Testing

@testable import calsync

@Suite struct RuntimeOpenStoreTests {
    @Test func aMissingDirectoryIsNamedWithTheDatabase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString)").path
        let database = directory + "/calsync.sqlite"
        let error = #expect(throws: (any Error).self) { _ = try Runtime.openStore(database) }
        #expect(
            error.map { "\($0)" }
                == "cannot open the database \(database): the directory \(directory) does not exist; create it or choose "
                + "another path")
    }

    @Test func otherFailuresNameTheDatabaseToo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data(repeating: 0x41, count: 4096)))
        let error = #expect(throws: (any Error).self) { _ = try Runtime.openStore(file) }
        #expect(error.map { "\($0)" }?.hasPrefix("cannot open the database \(file): SQLite error 26") == true)
    }
}
