/// An Exchange Server reached through EWS with a service account that holds the ApplicationImpersonation role over
/// the people's mailboxes (docs/exchange.md).
public struct ExchangeConnection: Sendable, Hashable, Codable {
    /// The connection type's name.
    public static let type = "exchange"
    /// The EWS schema CalSync writes unless told otherwise (understood by Exchange 2013 and later).
    public static let defaultServerVersion = "Exchange2013_SP1"
    /// Requests in flight at once for the service account unless told otherwise (Microsoft advises at most 10).
    public static let defaultInFlightLimit = 10

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
    /// The schema every request is written against (`RequestServerVersion`): `Exchange2013_SP1` unless the server
    /// asks for another one (`Exchange2016`, or a dated name such as `V2017_07_11`).
    public var serverVersion: String
    /// Requests in flight at once for the whole service account: its throttling budget is shared by every mailbox it
    /// acts as.
    public var inFlightLimit: Int

    public init(
        ewsURL: String, username: String, password: Secret, authScheme: AuthScheme = .ntlm, caFile: String? = nil,
        serverVersion: String = defaultServerVersion, inFlightLimit: Int = defaultInFlightLimit
    ) {
        self.ewsURL = ewsURL
        self.username = username
        self.password = password
        self.authScheme = authScheme
        self.caFile = caFile
        self.serverVersion = serverVersion
        self.inFlightLimit = inFlightLimit
    }

    /// The schema versions CalSync writes correctly (StartTimeZone needs Exchange2010, WorkingElsewhere Exchange2013).
    public static let namedServerVersions: Set<String> = ["Exchange2013", "Exchange2013_SP1", "Exchange2016"]

    /// A named schema version CalSync can use, or a dated one (`V2017_07_11`, Exchange 2016 and later).
    public static func isServerVersion(_ version: String) -> Bool {
        if namedServerVersions.contains(version) { return true }
        let parts = version.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 5, parts[0].first == "V", parts[1].count == 2, parts[2].count == 2
        else { return false }
        return (parts[0].dropFirst() + parts[1] + parts[2]).allSatisfy { $0.isASCII && $0.isNumber }
    }
}
