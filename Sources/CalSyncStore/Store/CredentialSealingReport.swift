/// What sealing the stored credentials under a key did (`CalSyncStore.sealCredentials(under:)`), by integration id.
public struct CredentialSealingReport: Sendable, Hashable {
    /// Credentials written again, sealed under the key (they were clear, or sealed under the store's previous key).
    public var sealed: [String] = []
    /// Credentials already sealed under the key, left as they were.
    public var alreadySealed: [String] = []
    /// Credentials that cannot be read (sealed under a key neither the store nor the new one is, or altered), left as
    /// they were: their integrations need the credential entered again.
    public var unreadable: [String] = []

    public init() {}
}
