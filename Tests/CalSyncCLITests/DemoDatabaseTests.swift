import ChildProcessKit
import Foundation
import Testing

/// `calsync demo` run as a user runs it (the built binary, its own process and signals): its temporary database is
/// removed when it ends, a database the user chose is kept.
@Suite struct DemoDatabaseTests {
    /// The `calsync` binary SwiftPM builds next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("calsync")

    /// A fresh directory for TMPDIR (so the demo's temporary files land there) and one for the demo's output.
    struct Run {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-demo-test-\(UUID().uuidString)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-demo-out-\(UUID().uuidString).txt")
        let process: ChildProcess

        init(_ arguments: [String], database: String? = nil) throws {
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = tmp.path
            environment["CALSYNC_LISTEN"] = "127.0.0.1:0"
            environment["CALSYNC_DATABASE"] = database
            process = try ChildProcess(
                DemoDatabaseTests.binary.path, ["demo", "--interval", "1"] + arguments, environment: environment,
                standardOutput: .file(output.path), standardError: .discard)
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        var leftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] }

        /// Waits (at most 30 s) until the output contains `pattern`.
        func waitFor(_ pattern: String) async throws {
            for _ in 0..<300 where !text.contains(pattern) { try await Task.sleep(for: .milliseconds(100)) }
        }

        /// Waits (at most 30 s) for the process to end; its exit status, nil when it did not.
        func exitStatus() async throws -> Int32? {
            for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning {
                process.signal(SIGINT)
                return nil
            }
            return process.terminationStatus
        }

        func remove() {
            try? FileManager.default.removeItem(at: tmp)
            try? FileManager.default.removeItem(at: output)
        }
    }

    @Test func theTemporaryDatabaseIsRemovedAfterTheLastCycle() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "no calsync binary at \(Self.binary.path)")
        let run = try Run(["--cycles", "1"])
        defer { run.remove() }
        #expect(try await run.exitStatus() == 0)
        #expect(run.text.contains("database:       \(run.tmp.path)/calsync-demo-"))
        #expect(run.text.contains("demo stopped after 1 cycle\nremoved the demo database \(run.tmp.path)/calsync-demo-"))
        #expect(run.leftovers == [])
    }

    @Test func theTemporaryDatabaseIsRemovedOnSIGTERM() async throws {
        let run = try Run([])
        defer { run.remove() }
        try await run.waitFor("── cycle 1 ──")
        #expect(run.leftovers.contains { $0.hasSuffix(".sqlite-wal") })
        run.process.signal(SIGTERM)
        #expect(try await run.exitStatus() == 0)
        #expect(run.text.contains("removed the demo database"))
        #expect(run.leftovers == [])
    }

    @Test func aDatabaseTheUserChoseIsKept() async throws {
        let mine = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-mine-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: mine + suffix) } }
        let run = try Run(["--cycles", "1"], database: mine)
        defer { run.remove() }
        #expect(try await run.exitStatus() == 0)
        #expect(run.text.contains("demo stopped after 1 cycle") && !run.text.contains("removed the demo database"))
        #expect(FileManager.default.fileExists(atPath: mine))
    }
}
