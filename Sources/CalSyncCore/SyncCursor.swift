/// Where a change listing resumes: opaque to the engine, which only stores it and hands it back to the provider
/// that made it.
public struct SyncCursor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }
}
