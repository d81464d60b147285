/// A key for credentials at rest that cannot be used (wrong length, unreadable file), said so an operator can act.
/// Never carries key material.
public struct CredentialKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
