/// An Exchange Server reached through EWS with a service account that holds the ApplicationImpersonation role over
/// the people's mailboxes (docs/exchange.md).
public struct ExchangeConnection: Sendable, Hashable, Codable {
    /// The connection type's name.
    public static let type = "exchange"

    /// How the service account logs on: NTLM (Exchange's usual on-premises logon) or Basic.
    public enum AuthScheme: String, Sendable, Hashable, Codable, CaseIterable {
        case ntlm, basic
    }

    /// `https://mail.example.com/EWS/Exchange.asmx` (plain http only to a loopback host).
    public var ewsURL: String
    /// `DOMAIN\user` or `user@domain`, exactly as the directory spells it (case-sensitive).
    public var username: String
    public var password: Secret
    public var authScheme: AuthScheme
    /// A PEM file of certificate authorities to trust for this server (an internal CA); nil trusts the system's.
    /// TLS verification is never switched off.
    public var caFile: String?

    public init(
        ewsURL: String, username: String, password: Secret, authScheme: AuthScheme = .ntlm, caFile: String? = nil
    ) {
        self.ewsURL = ewsURL
        self.username = username
        self.password = password
        self.authScheme = authScheme
        self.caFile = caFile
    }
}
