import CalSyncWorker
import Foundation
import Testing

@testable import calsync

/// `logLevel` in the file, or CALSYNC_LOG_LEVEL (which wins): debug, info (the default), warning or error.
@Suite struct LogLevelTests {
    @Test func theFileSetsTheLevelAndTheEnvironmentWins() throws {
        let file = ConfigurationFile(#"{"logLevel": "warning"}"#)
        defer { file.remove() }
        #expect(try ConfigurationLoader.load(path: nil, environment: [:]).logLevel == .info)
        #expect(try ConfigurationLoader.load(path: file.path, environment: [:]).logLevel == .warning)
        #expect(try ConfigurationLoader.load(path: file.path, environment: ["CALSYNC_LOG_LEVEL": "debug"]).logLevel == .debug)
        #expect(try ConfigurationLoader.load(path: file.path, environment: ["CALSYNC_LOG_LEVEL": ""]).logLevel == .warning)
    }

    @Test func linesBelowTheLevelAreDropped() {
        let lines = LogLines()
        let logger = Logger(label: "calsync", minimumLevel: .warning) { line in lines.append(line) }
        logger.debug("d")
        logger.info("i")
        logger.warning("w")
        logger.error("e")
        #expect(lines.all.count == 2)
        #expect(lines.with(message: "w").count == 1 && lines.with(message: "e").count == 1)
    }

    /// At debug, `serve` says what it read before it listens; at the default level it does not.
    @Test func serveLogsTheConfigurationItReadAtDebugOnly() async throws {
        for (level, expected) in [("debug", true), ("info", false)] {
            let file = ConfigurationFile(#"{"logLevel": "\#(level)"}"#)
            defer { file.remove() }
            let run = try CalSyncRun(["serve", "--config", file.path])
            defer { run.remove() }
            #expect(try await run.waitFor(#""msg":"listening""#, inErrors: true))
            try await Task.sleep(for: .milliseconds(500))  // SIGTERM handling is set up just after "listening"
            let debugLine = run.stderr.split(separator: "\n").first { $0.contains(#""msg":"configuration read""#) }
            #expect((debugLine != nil) == expected, "\(level): \(run.stderr)")
            if let debugLine {
                #expect(debugLine.contains(#""level":"debug""#))
                #expect(debugLine.contains(#""file":"\#(file.path)""#))
                #expect(debugLine.contains(#""logLevel":"debug""#))
            }
            #expect(try await run.terminate() == 0)
        }
    }
}
