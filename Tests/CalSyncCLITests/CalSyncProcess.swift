import ChildProcessKit
import Foundation

/// The built `calsync` binary run as an operator runs it: its own process, environment and signals; its stdout and
/// stderr kept in files for the test to read.
final class CalSyncProcess: @unchecked Sendable {
    /// The `calsync` binary SwiftPM builds next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "calsync")

    let process: ChildProcess
    let stdout: URL
    let stderr: URL

    /// Starts `calsync ARGUMENTS` with the test's environment plus `environment`.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let directory = FileManager.default.temporaryDirectory
        stdout = directory.appendingPathComponent("calsync-out-\(UUID().uuidString).txt")
        stderr = directory.appendingPathComponent("calsync-err-\(UUID().uuidString).txt")
        process = try ChildProcess(
            Self.binary.path, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, mine in mine },
            standardOutput: .file(stdout.path), standardError: .file(stderr.path))
    }

    /// Runs `calsync ARGUMENTS` to its end (at most 60 s): exit status, stdout, stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> (status: Int32?, stdout: String, stderr: String)
    {
        let run = try CalSyncProcess(arguments, environment: environment)
        defer { run.remove() }
        let status = try await run.exitStatus(within: 60)
        return (status, run.output, run.errors)
    }

    var pid: Int32 { process.pid }
    var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

    /// Waits (at most 60 s) until stderr (the JSON log) contains `pattern`; false when it did not or the process ended.
    func waitForLog(_ pattern: String) async throws -> Bool {
        for _ in 0..<600 {
            if errors.contains(pattern) { return true }
            if !process.isRunning { return errors.contains(pattern) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// `host:port` from `serve`'s "listening" log line, once it is written.
    func listeningAddress() async throws -> String? {
        guard try await waitForLog(#""msg":"listening""#) else { return nil }
        for line in errors.split(separator: "\n") where line.contains(#""msg":"listening""#) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["address"] as? String
        }
        return nil
    }

    /// Waits (at most `seconds`) for the process to end; its exit status, nil when it did not (it is then killed).
    func exitStatus(within seconds: Int) async throws -> Int32? {
        try await process.waitForExit(within: Double(seconds))?.status
    }

    /// SIGTERM, then the exit status (at most 30 s).
    func stop() async throws -> Int32? {
        process.signal(SIGTERM)
        return try await exitStatus(within: 30)
    }

    func remove() {
        if process.isRunning {
            process.signal(SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: stdout)
        try? FileManager.default.removeItem(at: stderr)
    }
}
