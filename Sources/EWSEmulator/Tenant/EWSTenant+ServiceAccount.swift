extension EWSTenant {
    /// An Active Directory account the worker logs on with (`DOMAIN\samAccountName` or its UPN).
    public struct ServiceAccount: Codable, Sendable, Hashable {
        public var samAccountName: String
        public var userPrincipalName: String
        /// Case-sensitive, as Windows passwords are.
        public var password: String
        /// The ApplicationImpersonation role assignment and its scope; null or absent: the account does not hold the
        /// role, so every impersonation is refused (ErrorImpersonateUserDenied).
        public var impersonationScope: ImpersonationScope?
        /// The account's own mailbox, if it has one (its primary SMTP address). Without one, ResolveNames without
        /// impersonation answers ErrorNameResolutionNoMailbox and distinguished folders need a Mailbox element.
        public var mailbox: String?

        public init(
            samAccountName: String, userPrincipalName: String, password: String,
            impersonationScope: ImpersonationScope? = nil, mailbox: String? = nil
        ) {
            self.samAccountName = samAccountName
            self.userPrincipalName = userPrincipalName
            self.password = password
            self.impersonationScope = impersonationScope
            self.mailbox = mailbox
        }
    }

    /// The recipient write scope of an ApplicationImpersonation assignment (`New-ManagementRoleAssignment
    /// -CustomRecipientWriteScope`): the whole organisation, or the mailboxes a management scope's filter selects
    /// (given here as their primary SMTP addresses). JSON: `"organization"` or `["a@x", "b@x"]`.
    public enum ImpersonationScope: Codable, Sendable, Hashable {
        case organization
        case mailboxes([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                guard text == "organization" else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "impersonationScope is \"organization\" or a list of addresses")
                }
                self = .organization
            } else {
                self = .mailboxes(try container.decode([String].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .organization: try container.encode("organization")
            case .mailboxes(let addresses): try container.encode(addresses)
            }
        }

        /// Whether a mailbox (by primary SMTP address) is inside the scope.
        func covers(_ primarySmtpAddress: String) -> Bool {
            switch self {
            case .organization: return true
            case .mailboxes(let addresses): return addresses.contains { $0.lowercased() == primarySmtpAddress.lowercased() }
            }
        }
    }
}
