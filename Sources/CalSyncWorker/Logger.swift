import CalSyncCore
import CalSyncHTTP
import Foundation
import Synchronization

/// JSON log lines on stderr (one object per line, keys sorted). Callers pass no secrets; values are
/// plain strings. Lines are built by hand: the HTTP access log writes one per request, and
/// JSONSerialization cost more than the request itself.
public struct Logger: Sendable {
    /// From the most detailed to the most severe; a logger writes its `minimumLevel` and those after it.
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case debug, info, warning, error

        public static func < (a: Level, b: Level) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    let label: String
    /// Lines below it are dropped (`calsync serve` takes it from `logLevel` or CALSYNC_LOG_LEVEL).
    public let minimumLevel: Level
    /// Nil for the silent logger: nothing is even formatted.
    let sink: (@Sendable (String) -> Void)?

    public init(label: String, minimumLevel: Level = .debug, sink: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.sink = sink ?? Logger.standardError
    }

    private init(silentWithLabel label: String) {
        self.label = label
        minimumLevel = .error
        sink = nil
    }

    /// A logger that drops everything (tests, benchmarks).
    public static let silent = Logger(silentWithLabel: "silent")

    /// False for `silent`: callers may skip building fields nobody reads (the access log of every request).
    public var isEnabled: Bool { sink != nil }

    public func log(_ level: Level, _ message: String, _ fields: [String: String] = [:]) {
        guard let sink, level >= minimumLevel else { return }
        var object = fields
        object["ts"] = Timestamp.format(Date())
        object["level"] = level.rawValue
        object["logger"] = label
        object["msg"] = message
        sink(Self.line(object))
    }

    public func debug(_ message: String, _ fields: [String: String] = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: [String: String] = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [String: String] = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: [String: String] = [:]) { log(.error, message, fields) }

    /// `{"a":"1","b":"2"}` with keys sorted and strings escaped per RFC 8259 (`JSONValue.writeString`).
    static func line(_ object: [String: String]) -> String {
        var out = "{"
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            JSONValue.writeString(key, to: &out)
            out += ":"
            JSONValue.writeString(object[key]!, to: &out)
        }
        return out + "}"
    }

    private static let lock = Mutex(())

    /// Writes a whole line at once so lines from several threads never interleave.
    @Sendable static func standardError(_ line: String) {
        lock.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
