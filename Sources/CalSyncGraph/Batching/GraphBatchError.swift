/// A `$batch` answer that cannot be read item by item.
public struct GraphBatchError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
