extension EWSTenant {
    /// A user with a mailbox.
    public struct Mailbox: Codable, Sendable, Hashable {
        public var primarySmtpAddress: String
        public var displayName: String
        /// `SMTP:` marks the primary address, `smtp:` the others (as Active Directory's proxyAddresses).
        public var proxyAddresses: [String]?
        /// Defaults to the primary SMTP address.
        public var userPrincipalName: String?
        /// The account's SID, for `ConnectingSID/SID` impersonation.
        public var sid: String?
        /// The mailbox's Windows time zone id (where relative item times in this file are read).
        public var timeZone: String
        public var items: [EWSTenantItem]?

        public init(
            primarySmtpAddress: String, displayName: String, proxyAddresses: [String]? = nil, userPrincipalName: String? = nil,
            sid: String? = nil, timeZone: String = "UTC", items: [EWSTenantItem]? = nil
        ) {
            self.primarySmtpAddress = primarySmtpAddress
            self.displayName = displayName
            self.proxyAddresses = proxyAddresses
            self.userPrincipalName = userPrincipalName
            self.sid = sid
            self.timeZone = timeZone
            self.items = items
        }

        /// Every SMTP address of the mailbox (the primary first), without the `smtp:` prefix.
        var smtpAddresses: [String] {
            var addresses = [primarySmtpAddress]
            for proxy in proxyAddresses ?? [] where proxy.lowercased().hasPrefix("smtp:") {
                let address = String(proxy.dropFirst(5))
                if !addresses.contains(where: { $0.lowercased() == address.lowercased() }) { addresses.append(address) }
            }
            return addresses
        }

        var principalName: String { userPrincipalName ?? primarySmtpAddress }
    }
}
