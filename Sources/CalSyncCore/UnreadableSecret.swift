/// A credential kept in the database that this process cannot read back: it was sealed under another key than
/// the one configured, or no key is configured, or the sealed value does not open (altered, or copied from another
/// row). The integration still loads; whatever would sign in with it fails with `reason`, until the key is set or the
/// credential is entered again.
public struct UnreadableSecret: Sendable, Hashable {
    /// What the admin reads (it names key ids, never key material or the credential).
    public var reason: String
    /// The value exactly as stored, written back unchanged when the integration is saved without a new credential.
    public var storedValue: String

    public init(reason: String, storedValue: String) {
        self.reason = reason
        self.storedValue = storedValue
    }
}
