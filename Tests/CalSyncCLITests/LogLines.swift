import CalSyncWorker
import Synchronization

/// Log lines as `calsync serve` writes them to the journal (JSON, one object per line), kept for a test.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger { Logger(label: "calsync") { line in self.append(line) } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    /// The lines whose "msg" is `message`.
    func with(message: String) -> [String] { all.filter { $0.contains(#""msg":"\#(message)""#) } }
}
