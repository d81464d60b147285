/// A secret value (client secret, API token). Its descriptions never show the value, so it cannot
/// leak through string interpolation, `print`, `dump` or an error message.
public struct Secret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The value itself; read it only where it is sent to its owner (token endpoint, comparison).
    public let revealed: String
    /// Why a stored credential could not be read back (sealed under another key, no key configured); nil when
    /// `revealed` is the value. An unreadable secret is empty: nothing may sign in with it.
    public let unreadable: UnreadableSecret?

    public init(_ value: String) {
        self.revealed = value
        self.unreadable = nil
    }

    /// A credential the store holds but cannot read back.
    public init(unreadable: UnreadableSecret) {
        self.revealed = ""
        self.unreadable = unreadable
    }

    public var isEmpty: Bool { revealed.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    public init(from decoder: any Decoder) throws {
        revealed = try decoder.singleValueContainer().decode(String.self)
        unreadable = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(revealed)
    }
}
