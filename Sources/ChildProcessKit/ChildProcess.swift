import Foundation
import Glibc
import Synchronization

/// A program started with `posix_spawn`, for tests and the benchmark: its arguments, environment and where its standard
/// output and error go; whether it still runs; its exit; signals.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3) can crash the process that calls it: the way it lists
/// `/proc/self/fd` reads past the end of a directory buffer (swift-corelibs-foundation pull request 5472). A test run
/// that starts a hundred `calsync` processes met it about one run in five. This type never lists that directory: the
/// child closes every descriptor above standard error itself (`posix_spawn_file_actions_addclosefrom_np`), so it
/// inherits no socket or file of the caller.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    /// The read end of the child's standard output when it was `.pipe` (its standard error too when that was
    /// `.standardOutput`).
    public let output: FileHandle?
    private let state = Mutex<ChildExit?>(nil)

    /// Starts `executable` (a path) with `arguments`; `environment` nil passes the caller's own.
    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        standardOutput: ChildOutput = .inherit, standardError: ChildOutput = .inherit
    ) throws {
        var spawn = try ChildSpawn(standardOutput: standardOutput, standardError: standardError)
        defer { spawn.release() }
        let environment = environment ?? ProcessInfo.processInfo.environment
        pid = try spawn.start(
            executable, arguments: [executable] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" }.sorted())
        output = spawn.takeOutput()
    }

    /// Runs `executable` to its end and returns its exit and everything it wrote to standard output and error. The
    /// waiting happens on a thread of its own, never on one of Swift concurrency's few shared threads.
    public static func run(_ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil)
        async throws -> (exit: ChildExit, output: String)
    {
        let child = try ChildProcess(
            executable, arguments, environment: environment, standardOutput: .pipe, standardError: .standardOutput)
        let data = await child.readOutput()
        return (await child.exited(), String(decoding: data, as: UTF8.self))
    }

    /// Everything the child writes to the `.pipe` output, to its end, read on a thread of its own.
    public func readOutput() async -> Data {
        guard let output else { return Data() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: output.readDataToEndOfFile()) }
        }
    }

    /// Waits for it to end, without holding a thread.
    public func exited() async -> ChildExit {
        while true {
            if let exit = reap() { return exit }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Whether it still runs (it is reaped, and its exit kept, once it has ended).
    public var isRunning: Bool { reap() == nil }

    /// How it ended, or nil while it runs.
    public var exit: ChildExit? { reap() }

    /// Its exit status as `Process.terminationStatus` gives it: the code it exited with, or the signal that ended it;
    /// nil while it runs.
    public var terminationStatus: Int32? { reap()?.status }

    /// Sends `signal` (SIGTERM unless said otherwise); nothing once it has ended.
    public func signal(_ signal: Int32 = SIGTERM) {
        state.withLock { exit in
            if exit == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits for it to end, blocking the calling thread (checking every few milliseconds: a blocking `waitpid` would hold
    /// the lock others poll with). In async code, `exited()`.
    @discardableResult
    public func waitUntilExit() -> ChildExit {
        while true {
            if let exit = reap() { return exit }
            usleep(5_000)
        }
    }

    /// Waits at most `seconds` for it to end; when it has not, kills it (SIGKILL) and answers nil.
    public func waitForExit(within seconds: Double) async throws -> ChildExit? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let exit = reap() { return exit }
            try await Task.sleep(for: .milliseconds(20))
        }
        if let exit = reap() { return exit }
        signal(SIGKILL)
        waitUntilExit()
        return nil
    }

    private func reap() -> ChildExit? {
        state.withLock { exit in
            if let exit { return exit }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                exit = ChildExit(waitStatus: status)
            } else if result == -1, errno == ECHILD {
                exit = ChildExit.unknown
            }
            return exit
        }
    }

    deinit {
        // A child nobody waited for is not left running behind a test that failed half-way.
        if reap() == nil {
            _ = kill(pid, SIGKILL)
            waitUntilExit()
        }
    }
}
