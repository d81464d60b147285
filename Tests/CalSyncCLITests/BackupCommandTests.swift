import CalSyncStore
import Foundation
import Testing

/// `calsync backup FILE` while `calsync serve` runs, and `calsync restore FILE` once it has stopped, as an operator
/// runs them; `calsync healthcheck` against the same server.
@Suite(.serialized) struct BackupCommandTests {
    struct Setup {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-backup-\(UUID().uuidString)")
        var database: String { directory.appendingPathComponent("calsync.sqlite").path }
        var backup: String { directory.appendingPathComponent("backup.sqlite").path }
        let configuration = ConfigurationFile(
            """
            {"instructors": [{"id": "i-ana", "name": "Ana Lopez", "email": "ana.lopez@contoso.example"}]}
            """)
        var environment: [String: String] { ["CALSYNC_DATABASE": database, "CALSYNC_LISTEN": "127.0.0.1:0"] }

        init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false) }

        func calsync(_ arguments: [String]) async throws -> (status: Int32?, stdout: String, stderr: String) {
            try await CalSyncProcess.run(arguments, environment: environment)
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
            configuration.remove()
        }
    }

    static func instructorIds(_ path: String) async throws -> [String] {
        try await CalSyncStore(path: path).instructors().map(\.id)
    }

    @Test func aBackupWhileServingRestoredAfterwards() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let serve = try CalSyncProcess(["serve", "--config", setup.configuration.path], environment: setup.environment)
        defer { serve.remove() }
        let address = try #require(try await serve.listeningAddress(), "\(serve.errors)")

        let backup = try await setup.calsync(["backup", setup.backup])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("backed up \(setup.database) to \(setup.backup): "), "\(backup.stdout)")
        #expect(
            backup.stdout.contains(
                " pages of 4096 bytes), integrity ok, schema: \(CalSyncStore.knownMigrations.count) migrations, in "))
        #expect(try await Self.instructorIds(setup.backup) == ["i-ana"])

        let again = try await setup.calsync(["backup", setup.backup])
        #expect(again.status == 2)
        #expect(again.stderr == "calsync: \(setup.backup) already exists; choose another name, or pass --force to replace it\n")
        let forced = try await setup.calsync(["backup", setup.backup, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")

        let healthy = try await setup.calsync(["healthcheck", "http://\(address)/healthz"])
        #expect(healthy.status == 0)
        #expect(healthy.stdout == "ok: http://\(address)/healthz answered 200\n")
        let fromListen = try await CalSyncProcess.run(["healthcheck"], environment: ["CALSYNC_LISTEN": address])
        #expect(fromListen.status == 0, "\(fromListen.stderr)")

        // doctor takes no lock either: it reads the database the server uses.
        let doctor = try await setup.calsync(["doctor", "--config", setup.configuration.path])
        #expect(doctor.status != 2 && !doctor.stderr.contains("in use"), "\(doctor.stderr)")

        let refused = try await setup.calsync(["restore", setup.backup])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix(
                "calsync: the database \(setup.database) is in use by another CalSync process (pid \(serve.pid): calsync serve since "
            ))

        #expect(try await serve.stop() == 0)
        let down = try await setup.calsync(["healthcheck", "http://\(address)/healthz", "--timeout", "2"])
        #expect(down.status == 1)
        #expect(down.stderr.hasPrefix("calsync: healthcheck: "), "\(down.stderr)")

        // An instructor added after the backup; the restore takes the database back to the backup's content.
        do {
            let store = try CalSyncStore(path: setup.database)
            _ = try await store.saveInstructor(.init(id: "i-ben", name: "Ben", email: "ben@contoso.example"))
        }
        let restore = try await setup.calsync(["restore", setup.backup])
        #expect(restore.status == 0, "\(restore.stderr)")
        let lines = restore.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("restored \(setup.database) from \(setup.backup): ") == true, "\(restore.stdout)")
        let kept = try #require(lines.last?.firstMatch(of: #/kept as (\S+) /#)?.1).description
        #expect(kept.hasPrefix(setup.database + ".before-restore-"))
        #expect(try await Self.instructorIds(setup.database) == ["i-ana"])
        #expect(try await Self.instructorIds(kept).sorted() == ["i-ana", "i-ben"])
        #expect(!FileManager.default.fileExists(atPath: setup.database + "-lock"))

        let restarted = try CalSyncProcess(["serve", "--config", setup.configuration.path], environment: setup.environment)
        defer { restarted.remove() }
        #expect(try await restarted.listeningAddress() != nil, "\(restarted.errors)")
        #expect(try await restarted.stop() == 0)
    }

    @Test func refusalsSayWhatIsWrong() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let none = try await setup.calsync(["backup", setup.backup])
        #expect(none.status == 2)
        #expect(none.stderr == "calsync: there is no database at \(setup.database)\n")
        #expect(!FileManager.default.fileExists(atPath: setup.backup))

        let noFile = try await setup.calsync(["backup"])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.hasPrefix("calsync: backup needs the FILE to write\n\nUsage: calsync backup FILE"))

        let missingBackup = try await setup.calsync(["restore", setup.backup])
        #expect(missingBackup.status == 2)
        #expect(missingBackup.stderr == "calsync: there is no database at \(setup.backup)\n")

        let noAddress = try await CalSyncProcess.run(["healthcheck"], environment: ["CALSYNC_LISTEN": "127.0.0.1:0"])
        #expect(noAddress.status == 1)
        #expect(noAddress.stderr.contains("has port 0 (any free port): give the URL to ask"), "\(noAddress.stderr)")
    }
}
