import Foundation
import CalSyncCore
import Synchronization

/// JSON log lines on stderr (one object per line). Callers pass no secrets; values are plain strings.
public struct Logger: Sendable {
    public enum Level: String, Sendable { case debug, info, warning, error }

    let label: String
    let sink: @Sendable (String) -> Void

    public init(label: String, sink: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.sink = sink ?? Logger.standardError
    }

    /// A logger that drops everything (tests).
    public static let silent = Logger(label: "silent", sink: { _ in })

    public func log(_ level: Level, _ message: String, _ fields: [String: String] = [:]) {
        var object: [String: String] = fields
        object["ts"] = Timestamp.format(Date())
        object["level"] = level.rawValue
        object["logger"] = label
        object["msg"] = message
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            let line = String(data: data, encoding: .utf8)
        else { return }
        sink(line)
    }

    public func info(_ message: String, _ fields: [String: String] = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [String: String] = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: [String: String] = [:]) { log(.error, message, fields) }

    private static let lock = Mutex(())

    /// Writes a whole line at once so lines from several threads never interleave.
    @Sendable static func standardError(_ line: String) {
        lock.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
