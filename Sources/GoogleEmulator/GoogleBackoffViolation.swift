import CalSyncHTTP

/// A request that came before the back-off its person had been asked for was over.
public struct GoogleBackoffViolation: Sendable, Hashable {
    public var person: String
    public var method: String
    public var path: String
    /// How much sooner than the end of the back-off it arrived.
    public var earlyBySeconds: Double
    /// The back-off that was asked for.
    public var backoffSeconds: Double

    var json: JSONValue {
        [
            "person": .string(person), "method": .string(method), "path": .string(path),
            "earlyBySeconds": .number((earlyBySeconds * 1000).rounded() / 1000), "backoffSeconds": .number(backoffSeconds),
        ]
    }
}
