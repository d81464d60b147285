import Foundation
import Testing

@testable import calsync

/// `DatabaseLock`: one CalSync process at a time runs on a database (`serve`, `sync --once`, `demo`, `restore`).
@Suite struct DatabaseLockTests {
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("calsync-lock-\(UUID().uuidString).sqlite").path
    }

    @Test func aSecondHolderIsRefusedWithTheDatabaseAndThePidThenLetInOnceReleased() throws {
        let database = Self.temporaryDatabase()
        let lock = try #require(try DatabaseLock.acquire(database, for: "calsync serve"))
        #expect(FileManager.default.fileExists(atPath: database + "-lock"))

        let error = #expect(throws: DatabaseLock.Busy.self) { _ = try DatabaseLock.acquire(database, for: "calsync sync --once") }
        let text = error.map { "\($0)" } ?? ""
        #expect(
            text.hasPrefix(
                "the database \(database) is in use by another CalSync process (pid \(getpid()): calsync serve since "), "\(text)"
        )
        #expect(
            text.hasSuffix(
                "): stop it first, or point CALSYNC_DATABASE (\"database\" in the configuration file) at another file"), "\(text)"
        )

        lock.release()
        #expect(!FileManager.default.fileExists(atPath: database + "-lock"))
        let again = try #require(try DatabaseLock.acquire(database, for: "calsync serve"))
        again.release()
    }

    @Test func aLockFileLeftByAKilledProcessDoesNotBlock() throws {
        let database = Self.temporaryDatabase()
        // What a SIGKILLed `serve` leaves: the file with its pid, but no lock (the kernel released it).
        try "999999 calsync serve since 2026-03-02T09:00:00Z\n".write(
            toFile: database + "-lock", atomically: false, encoding: .utf8)
        let lock = try #require(try DatabaseLock.acquire(database, for: "calsync serve"))
        #expect(try String(contentsOfFile: database + "-lock", encoding: .utf8).hasPrefix("\(getpid()) calsync serve since "))
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: database + "-lock"))
    }

    @Test func anInMemoryDatabaseTakesNoLock() throws {
        #expect(try DatabaseLock.acquire(":memory:", for: "calsync serve") == nil)
    }

    @Test func aMissingDirectoryIsNamedAsWhenTheDatabaseIsOpened() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString)").path
        let database = directory + "/calsync.sqlite"
        let error = #expect(throws: (any Error).self) { _ = try DatabaseLock.acquire(database, for: "calsync serve") }
        #expect(
            error.map { "\($0)" }
                == "cannot open the database \(database): the directory \(directory) does not exist; create it or choose "
                + "another path")
    }
}
