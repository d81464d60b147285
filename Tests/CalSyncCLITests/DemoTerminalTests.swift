import CalSyncHTTP
import Foundation
import Testing

@testable import calsync

/// What `calsync demo` leaves in the terminal: the story, then a word that it is complete and that the server still
/// runs; log lines (the API's access log among them) only with --verbose.
@Suite struct DemoTerminalTests {
    /// The API's address and the reader token, from the lines the demo prints.
    func address(in output: String) -> (base: String, reader: String)? {
        let lines = output.split(separator: "\n")
        guard let apiLine = lines.first(where: { $0.hasPrefix("  API:") }),
            let base = apiLine.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
            let exportLine = lines.first(where: { $0.contains("export ADMIN=") }),
            let reader = exportLine.split(separator: " ").first(where: { $0.hasPrefix("READER=") })
        else { return nil }
        return (String(base), String(reader.dropFirst("READER=".count)))
    }

    func get(_ url: String, token: String) async throws -> Int {
        let request = HTTPClientRequest(method: .get, url: URL(string: url)!, headers: ["Authorization": "Bearer \(token)"])
        return try await CurlTransport(maxConnections: 1).send(request).status
    }

    @Test func afterTheStoryItSaysSoAndKeepsServingWithoutLogLinesInTheTerminal() async throws {
        let run = try CalSyncRun(["demo", "--interval", "1"])
        defer { run.remove() }
        #expect(try await run.waitFor("── the story is complete ──", seconds: 90), "\(run.stdout)")
        #expect(run.stdout.contains("CalSync keeps running: the sync loop (a cycle every 1 s), the API at http://127.0.0.1:"))
        #expect(run.stdout.contains("Ctrl-C stops the demo."))
        #expect(run.process.isRunning)
        let api = try #require(address(in: run.stdout))
        #expect(try await get(api.base + "/v1/instructors", token: api.reader) == 200)
        #expect(try await get(api.base + "/v1/nowhere", token: api.reader) == 404)
        try await Task.sleep(for: .milliseconds(500))
        #expect(run.stderr == "", "log lines in the demo's terminal")
        #expect(try await run.terminate() == 0)
        #expect(run.stdout.contains("demo stopped after "))
    }

    @Test func verboseShowsTheLogLinesTheAccessLogIncluded() async throws {
        let run = try CalSyncRun(["demo", "--interval", "1", "--verbose"])
        defer { run.remove() }
        #expect(try await run.waitFor("── cycle 1 ──"))
        let api = try #require(address(in: run.stdout))
        #expect(try await get(api.base + "/v1/instructors", token: api.reader) == 200)
        #expect(try await run.waitFor(#""msg":"request""#, inErrors: true, seconds: 5))
        #expect(try await run.terminate() == 0)
    }

    @Test func theHelpTellsHowToSeeTheLogLines() {
        #expect(DemoCommand.help.contains("--verbose"))
    }
}
