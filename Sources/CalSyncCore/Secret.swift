/// A secret value (client secret, API token). Its descriptions never show the value, so it cannot
/// leak through string interpolation, `print`, `dump` or an error message.
public struct Secret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The value itself; read it only where it is sent to its owner (token endpoint, comparison).
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var isEmpty: Bool { revealed.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    public init(from decoder: any Decoder) throws {
        revealed = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(revealed)
    }
}
