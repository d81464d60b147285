import Foundation
import Testing

/// One `calsync serve` per database: a second one (or `sync --once`) is refused with the holder's pid, and a server
/// that was killed, however it was, never keeps the next one out.
@Suite(.serialized) struct ServeLockTests {
    struct Setup {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-serve-\(UUID().uuidString).sqlite")
            .path
        var environment: [String: String] { ["CALSYNC_DATABASE": database, "CALSYNC_LISTEN": "127.0.0.1:0"] }

        func serve() throws -> CalSyncProcess { try CalSyncProcess(["serve"], environment: environment) }

        func remove() {
            for suffix in ["", "-wal", "-shm", "-lock"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
    }

    @Test func aSecondServeIsRefusedThenStartsOnceTheFirstHasStopped() async throws {
        let setup = Setup()
        defer { setup.remove() }
        let first = try setup.serve()
        defer { first.remove() }
        #expect(try await first.listeningAddress() != nil, "\(first.errors)")

        let second = try setup.serve()
        defer { second.remove() }
        #expect(try await second.exitStatus(within: 30) == 2)
        let refusal =
            "calsync: the database \(setup.database) is in use by another CalSync process (pid \(first.pid): calsync serve since "
        #expect(second.errors.hasPrefix(refusal), "\(second.errors)")
        #expect(second.errors.contains("): stop it first, or point CALSYNC_DATABASE"))
        #expect(!second.errors.contains(#""msg":"listening""#))

        let once = try await CalSyncProcess.run(["sync", "--once"], environment: setup.environment)
        #expect(once.status == 2)
        #expect(once.stderr.hasPrefix(refusal), "\(once.stderr)")

        #expect(try await first.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: setup.database + "-lock"))
        let third = try setup.serve()
        defer { third.remove() }
        #expect(try await third.listeningAddress() != nil, "\(third.errors)")
        #expect(try await third.stop() == 0)
    }

    @Test func aServeKilledWithSIGKILLDoesNotKeepTheNextOneOut() async throws {
        let setup = Setup()
        defer { setup.remove() }
        let first = try setup.serve()
        defer { first.remove() }
        #expect(try await first.listeningAddress() != nil, "\(first.errors)")
        kill(first.pid, SIGKILL)
        _ = await first.process.exited()
        // Its lock file is left behind, with its pid; the kernel has dropped the lock itself.
        #expect(FileManager.default.fileExists(atPath: setup.database + "-lock"))

        let next = try setup.serve()
        defer { next.remove() }
        #expect(try await next.listeningAddress() != nil, "\(next.errors)")
        #expect(try await next.stop() == 0)
    }
}
