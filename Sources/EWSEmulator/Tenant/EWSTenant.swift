import Foundation

/// The Exchange organisation the emulator serves, loaded from a JSON tenant file (see
/// `fixtures/tenants/exchange-contoso.json`): the Active Directory domain with its lockout policy, the service
/// accounts that log on (with their passwords and impersonation scopes), and the mailboxes with their calendars.
public struct EWSTenant: Codable, Sendable {
    /// The NetBIOS domain (`CONTOSO`): what `DOMAIN\user` logons name.
    public var netbiosDomain: String
    /// The DNS domain (`contoso.example`), also accepted as the domain part of a logon.
    public var dnsDomain: String
    /// The Client Access server's NetBIOS name (shown in the NTLM challenge).
    public var serverName: String?
    /// Active Directory's account lockout threshold: after this many failed logons in a row an account is locked
    /// and every logon fails, even with the right password. Null or absent: no lockout policy.
    public var accountLockoutThreshold: Int?
    /// How long a lockout lasts; null or absent: until an administrator unlocks the account (the side door).
    public var accountLockoutDurationSeconds: Int?
    public var serviceAccounts: [ServiceAccount]
    public var mailboxes: [Mailbox]

    public init(
        netbiosDomain: String, dnsDomain: String, serverName: String? = nil, accountLockoutThreshold: Int? = nil,
        accountLockoutDurationSeconds: Int? = nil, serviceAccounts: [ServiceAccount], mailboxes: [Mailbox]
    ) {
        self.netbiosDomain = netbiosDomain
        self.dnsDomain = dnsDomain
        self.serverName = serverName
        self.accountLockoutThreshold = accountLockoutThreshold
        self.accountLockoutDurationSeconds = accountLockoutDurationSeconds
        self.serviceAccounts = serviceAccounts
        self.mailboxes = mailboxes
    }

    /// Decodes a tenant file's contents.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(EWSTenant.self, from: json)
    }

    /// Loads a tenant file.
    public init(contentsOf path: String) throws {
        try self.init(json: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The server's host name as the NTLM challenge and the Basic realm give it.
    var serverHost: String { (serverName ?? "EX01").lowercased() + "." + dnsDomain }
}
