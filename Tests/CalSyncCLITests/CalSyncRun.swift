import CalSyncTesting
import ChildProcessKit
import Foundation

/// The `calsync` binary run as a user runs it: its own process, its standard output and error, its exit status.
/// `CALSYNC_*` variables of the test's own environment are left out; the database is a fresh temporary file and the
/// API listens on a free port unless `environment` says otherwise.
final class CalSyncRun: @unchecked Sendable {
    /// The `calsync` binary SwiftPM builds next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("calsync")

    // Set up in `init`, then only read (`process` is thread-safe).
    let process: ChildProcess
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-run-\(UUID().uuidString)")
    var database: String { directory.appendingPathComponent("calsync.sqlite").path }
    private var stdoutURL: URL { directory.appendingPathComponent("stdout.txt") }
    private var stderrURL: URL { directory.appendingPathComponent("stderr.txt") }

    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CALSYNC_") }
        environment["CALSYNC_DATABASE"] = directory.appendingPathComponent("calsync.sqlite").path
        environment["CALSYNC_LISTEN"] = "127.0.0.1:0"
        environment["TMPDIR"] = directory.path
        for (key, value) in extra { environment[key] = value }
        process = try ChildProcess(
            Self.binary.path, arguments, environment: environment,
            standardOutput: .file(directory.appendingPathComponent("stdout.txt").path),
            standardError: .file(directory.appendingPathComponent("stderr.txt").path))
    }

    /// Runs `calsync ARGUMENTS` to its end (at most `seconds`): its exit status (nil when it was still running and had
    /// to be stopped), standard output and standard error.
    static func finished(_ arguments: [String], environment: [String: String] = [:], seconds: Double = 20) async throws
        -> (status: Int32?, stdout: String, stderr: String)
    {
        let run = try CalSyncRun(arguments, environment: environment)
        defer { run.remove() }
        let status = try await run.exitStatus(within: seconds)
        return (status, run.stdout, run.stderr)
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Waits (at most `seconds`) until standard output, or standard error when `inErrors`, contains `text`.
    @discardableResult
    func waitFor(_ text: String, inErrors: Bool = false, seconds: Double = 30) async throws -> Bool {
        let seen = await eventually(within: seconds, polls: Int(seconds * 10), every: .milliseconds(100)) {
            !process.isRunning || (inErrors ? stderr : stdout).contains(text)
        }
        return seen && (inErrors ? stderr : stdout).contains(text)
    }

    /// Waits (at most `seconds`) for the process to end; its exit status, or nil when it was still running (it is then
    /// killed).
    func exitStatus(within seconds: Double) async throws -> Int32? {
        try await process.waitForExit(within: seconds)?.status
    }

    /// SIGTERM, then its exit status (nil when it did not end within 20 s).
    func terminate() async throws -> Int32? {
        process.signal(SIGTERM)
        return try await exitStatus(within: 20)
    }

    func remove() {
        if process.isRunning {
            process.signal(SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
