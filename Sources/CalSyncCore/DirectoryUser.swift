/// A user of the calendar system's directory: the owner of one calendar.
public struct DirectoryUser: Sendable, Hashable, Codable {
    /// The user's calendar (what the provider's calendar operations take).
    public var id: CalendarID
    public var displayName: String?
    public var mail: String?
    public var userPrincipalName: String?
    /// The user's addresses with their type, `SMTP:primary@x`, `smtp:alias@x` (other types, `x500:`…, are not
    /// e-mail addresses); adapters whose system lists plain aliases prefix them with `smtp:`.
    public var proxyAddresses: [String]

    public init(
        id: String, displayName: String? = nil, mail: String? = nil, userPrincipalName: String? = nil,
        proxyAddresses: [String] = []
    ) {
        self.id = id
        self.displayName = displayName
        self.mail = mail
        self.userPrincipalName = userPrincipalName
        self.proxyAddresses = proxyAddresses
    }
}
