import Foundation
import Synchronization
import Testing

@testable import CalSyncWorker

@Suite struct LoggerTests {
    @Test func linesAreValidJSONWithEveryFieldEscaped() throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "t", sink: { line in lines.withLock { $0.append(line) } })
        let nasty = "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂"
        logger.info("hello", ["path": nasty, "status": "200"])
        let line = try #require(lines.withLock { $0.first })
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["path"] == nasty)
        #expect(object["msg"] == "hello")
        #expect(object["level"] == "info")
        #expect(object["logger"] == "t")
        #expect(object["status"] == "200")
        #expect(line.hasPrefix("{\"level\":"))  // keys sorted
    }
}
