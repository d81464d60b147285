import CalSyncHTTP
import CalSyncTesting
import Foundation
import Testing

/// Replays the fuzz corpus (`fixtures/fuzz/http-parser`, grown by the `CalSyncFuzz` libFuzzer target)
/// through the same invariants the fuzzer checks, so every committed input is a regression test.
@Suite struct HTTPRequestParserCorpusTests {
    static let corpus = Fixtures.url("fuzz/http-parser")

    static func corpusFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { !$0.hasPrefix(".") }.sorted().map { corpus.appendingPathComponent($0) }
    }

    @Test func corpusIsPresent() throws {
        let count = try Self.corpusFiles().count
        #expect(count >= 20, "expected the committed seed corpus at \(Self.corpus.path)")
    }

    @Test func everyCorpusInputKeepsTheParserInvariants() throws {
        var failures: [String] = []
        for file in try Self.corpusFiles() {
            let bytes = try [UInt8](Data(contentsOf: file))
            if let violation = HTTPParserInvariants.check(bytes) {
                failures.append("\(file.lastPathComponent): \(violation)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func checkerAcceptsValidEmptyAndJunkInputs() {
        let valid = Array("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi".utf8)
        #expect(HTTPParserInvariants.check(valid) == nil)
        #expect(HTTPParserInvariants.check([]) == nil)
        #expect(HTTPParserInvariants.check(Array(repeating: 0xFF, count: 600)) == nil)
    }

    /// Found with HTTPParserInvariants: `Connection` was split into options on `Character`s, and "," followed by a
    /// combining mark is one `Character`, so `close` was missed and the connection stayed open.
    @Test func connectionCloseBeforeACommaAndCombiningMarkCloses() {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nHost: x\r\nConnection: close,\u{301}\r\n\r\n".utf8))
        guard case .request = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(!parser.keepAlive)
    }
}
