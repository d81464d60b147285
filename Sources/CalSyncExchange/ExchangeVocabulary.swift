import CalSyncCore

/// What CalSync knows about Exchange Server without calling it: what EWS's response codes mean and how to fix what
/// they report, in an administrator's words (`docs/exchange.md`, "Errors", "Impersonation", "Logon").
public struct ExchangeVocabulary: ProviderVocabulary {
    /// The connection type in the API and the configuration file.
    public static let type = "exchange"

    public init() {}

    public var connectionType: String { Self.type }

    public func kind(ofCode code: String) -> CalendarError.Kind? {
        EWSErrorCode.knownKind(of: code)
    }

    public func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation? {
        switch code {
        case "ErrorImpersonateUserDenied", "ErrorImpersonationDenied", "ErrorImpersonationFailed", "ErrorAccessDenied":
            return ErrorExplanation(
                cause: "the service account may not act as this person (the ApplicationImpersonation role, or its scope)",
                fix: "in the Exchange Management Shell, run New-ManagementRoleAssignment -Name:CalSync "
                    + "-Role:ApplicationImpersonation -User:<service account> (add -CustomRecipientWriteScope:<scope> to "
                    + "limit it, and include this person in that scope)")
        case "ErrorNonExistentMailbox", "ErrorNameResolutionNoResults", "ErrorNonPrimarySmtpAddress":
            return ErrorExplanation(
                cause: "no mailbox on this Exchange server has this person's e-mail address as its primary address",
                fix: "check the person's e-mail address in the scheduler, or that their mailbox is on this server")
        case "ErrorServerBusy", "ErrorExceededConnectionCount", "ErrorTooManyObjectsOpened":
            return ErrorExplanation(
                cause: "Exchange is throttling the service account (its budget is shared by every mailbox it acts as)",
                fix: "nothing: CalSync waits for the back-off Exchange asked for; lower the in-flight limit if it persists")
        case "ErrorInvalidServerVersion", "ErrorIncorrectSchemaVersion", "ErrorInvalidSchemaVersionForMailboxVersion":
            return ErrorExplanation(
                cause: "the server does not accept the EWS schema version CalSync writes",
                fix: "set the server version to Exchange2013_SP1 (the default) or Exchange2016")
        case "tls":
            return ErrorExplanation(
                cause: "the server's TLS certificate is not trusted",
                fix: "name the certificate authority that issued it in the integration's CA file setting (verification "
                    + "is never switched off)")
        case "unreachable":
            return ErrorExplanation(
                cause: "the EWS URL cannot be reached",
                fix: "check the EWS URL, and that the firewall lets CalSync's outgoing address through")
        default:
            break
        }
        if httpStatus == 401 || code == CalendarError.Kind.credentialsRejected.rawValue {
            return ErrorExplanation(
                cause: "Exchange refused the service account's user name or password",
                fix: "set the right password (it is not tried again until it changes, so Active Directory does not lock "
                    + "the account out), or ask for a retry once the account is unlocked")
        }
        return nil
    }
}
