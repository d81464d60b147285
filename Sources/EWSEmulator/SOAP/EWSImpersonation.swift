/// The `ExchangeImpersonation/ConnectingSID` header: which mailbox the service account acts as, and how it names it.
struct EWSImpersonation: Sendable, Equatable {
    enum Kind: String, Sendable {
        case principalName = "PrincipalName"
        case sid = "SID"
        case primarySmtpAddress = "PrimarySmtpAddress"
        case smtpAddress = "SmtpAddress"
    }

    var kind: Kind
    var value: String
}
