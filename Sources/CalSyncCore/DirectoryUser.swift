/// A user of the calendar tenant's directory (Graph `/users`).
public struct DirectoryUser: Sendable, Hashable, Codable {
    public var id: String
    public var displayName: String?
    public var mail: String?
    public var userPrincipalName: String?
    /// As Graph returns them: `SMTP:primary@x`, `smtp:alias@x`, possibly other types (`x500:`…).
    public var proxyAddresses: [String]

    public init(id: String, displayName: String? = nil, mail: String? = nil, userPrincipalName: String? = nil,
                proxyAddresses: [String] = []) {
        self.id = id
        self.displayName = displayName
        self.mail = mail
        self.userPrincipalName = userPrincipalName
        self.proxyAddresses = proxyAddresses
    }
}
