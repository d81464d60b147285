import ChildProcessKit
import Foundation
import Glibc
import Testing

@Suite struct ChildProcessTests {
    @Test func outputErrorAndExitCodeComeBack() async throws {
        let (exit, output) = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(exit == .exited(3))
        #expect(output == "out\nerr\n")
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() async throws {
        let (exit, output) = try await ChildProcess.run("/usr/bin/env", environment: ["ONLY": "this one"])
        #expect(exit == .exited(0))
        #expect(output == "ONLY=this one\n")
    }

    @Test func noDescriptorOfTheCallerIsInherited() async throws {
        // A descriptor opened without O_CLOEXEC, as libraries and sockets often are.
        let held = open("/dev/null", O_RDONLY)
        defer { close(held) }
        #expect(held > 2)
        let (exit, output) = try await ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        #expect(exit == .exited(0))
        // 0, 1, 2 and the descriptor `ls` itself opened on the directory.
        let listed = output.split(separator: "\n").compactMap { Int32($0) }
        #expect(!listed.contains(held))
        #expect(listed.filter { $0 > 2 }.count <= 1)
    }

    @Test func aSignalEndsItAndIsReported() async throws {
        let child = try ChildProcess("/bin/sleep", ["30"])
        #expect(child.isRunning)
        #expect(child.terminationStatus == nil)
        child.signal(SIGTERM)
        #expect(try await child.waitForExit(within: 60) == .signalled(SIGTERM))
        #expect(child.terminationStatus == SIGTERM)
        #expect(!child.isRunning)
    }

    @Test func aChildOverItsTimeIsKilled() async throws {
        let child = try ChildProcess("/bin/sleep", ["30"])
        #expect(try await child.waitForExit(within: 0.2) == nil)
        #expect(child.exit == .signalled(SIGKILL))
    }

    @Test func outputGoesToAFileOrNowhere() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let child = try ChildProcess(
            "/bin/sh", ["-c", "echo kept; echo dropped >&2"], standardOutput: .file(path), standardError: .discard)
        #expect(await child.exited() == .exited(0))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept\n")
    }

    @Test func aMissingProgramIsAClearError() {
        #expect(throws: ChildProcessError.self) { try ChildProcess("/nonexistent/program") }
    }

    @Test func manyChildrenAtOnce() async throws {
        // What crashed Foundation's Process.run about one test run in five: many children started from many threads.
        try await withThrowingTaskGroup(of: ChildExit.self) { group in
            for n in 0..<64 {
                group.addTask { try await ChildProcess.run("/bin/sh", ["-c", "exit \(n % 7)"]).exit }
            }
            var codes: [Int32] = []
            for try await exit in group { codes.append(exit.status) }
            #expect(codes.sorted() == (0..<64).map { Int32($0 % 7) }.sorted())
        }
    }
}
