/// The public part of a service account's key file: who signs, which client id an admin authorises, which key, and
/// where tokens are asked for. Safe to show; the private key is not here.
public struct ServiceAccountIdentity: Sendable, Hashable, Codable {
    public var clientEmail: String
    /// The numeric client id the Workspace admin authorises for domain-wide delegation.
    public var clientId: String
    public var privateKeyId: String?
    public var tokenURI: String

    public init(clientEmail: String, clientId: String, privateKeyId: String?, tokenURI: String) {
        self.clientEmail = clientEmail
        self.clientId = clientId
        self.privateKeyId = privateKeyId
        self.tokenURI = tokenURI
    }
}
