import CalSyncCore

/// What a Microsoft 365 error means, in plain words, and how to fix it: the table behind `calsync doctor`'s advice,
/// the diagnosis's likely cause of each failing person and the explanations the admin pages show beside raw error
/// codes, for Microsoft 365 integrations.
///
/// It reads what CalSync stores of an error: the token endpoint's or Graph's code (`invalid_client AADSTS7000215`,
/// `MailboxNotEnabledForRESTAPI`), else CalSync's own kind of error (`transient`, `throttled`, …), and the HTTP
/// status when there was one.
extension GraphVocabulary {
    public func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation? {
        Self.explanation(code: code, httpStatus: httpStatus, context: context)
    }

    /// The explanation of an error, or nil when CalSync knows nothing more than its code says.
    public static func explanation(
        code: String?, httpStatus: Int?, context: ErrorExplanation.Context = ErrorExplanation.Context()
    ) -> ErrorExplanation? {
        if let token = token(code: code, context: context) { return token }
        // A 5xx or no answer at all is the service's failure, whatever the code (the diagnosis's own rule).
        if CalendarError.isServiceFailure(code: code, httpStatus: httpStatus) { return outage }
        return known(code: code) ?? http(httpStatus)
    }

    /// A refused token, named from its AADSTS number (the code reads `invalid_client AADSTS7000215`).
    public static func token(
        code: String?, context: ErrorExplanation.Context = ErrorExplanation.Context()
    ) -> ErrorExplanation? {
        guard let word = code?.split(separator: " ").first(where: { $0.uppercased().hasPrefix("AADSTS") }),
            let number = Int(word.dropFirst(6))
        else { return nil }
        let clientId = context.integration?.connection.microsoft365?.clientId
        let tenantId = context.integration?.connection.microsoft365?.tenantId
        let app = clientId.map { "app \($0)" } ?? "the app registration"
        let tenant = tenantId.map { "tenant \($0)" } ?? "the tenant"
        switch number {
        case 7_000_215:
            return .init(
                cause: "wrong client secret (AADSTS7000215)",
                fix: "put the secret's value (not its secret id) of \(app) in \(context.secretPlace)")
        case 7_000_222:
            return .init(
                cause: "the client secret has expired (AADSTS7000222)",
                fix: "create a new client secret in the app registration and put it in \(context.secretPlace)")
        case 7_000_218:
            return .init(cause: "no client secret was sent (AADSTS7000218)", fix: "set \(context.secretPlace)")
        case 700_016:
            let which = clientId.map { "clientId \($0) is not an application in \(tenant): use" } ?? "use"
            return .init(
                cause: "unknown client id (AADSTS700016)",
                fix: "\(which) the app registration's Application (client) ID, registered in this tenant")
        case 90_002:
            return .init(
                cause: "unknown tenant (AADSTS90002)",
                fix: "\(tenant) was not found: use the Directory (tenant) ID or a verified domain")
        case 900_023:
            return .init(
                cause: "malformed tenant id (AADSTS900023)",
                fix: "use the Directory (tenant) ID (a GUID) or a verified domain"
                    + (tenantId.map { ", not \($0)" } ?? ""))
        case 65_001:
            return .init(
                cause: "admin consent missing (AADSTS65001)",
                fix: "grant admin consent for the app's application permissions")
        case 7_000_112:
            return .init(cause: "the application is disabled in the tenant (AADSTS7000112)")
        case 70_011, 700_022:
            return .init(cause: "the token scope was refused (AADSTS\(number))")
        default:
            return .init(cause: "the token request was refused (AADSTS\(number))")
        }
    }

    /// Graph's error codes and CalSync's own kinds of error.
    static func known(code: String?) -> ErrorExplanation? {
        switch code?.lowercased() {
        case "mailboxnotenabledforrestapi"?:
            return .init(
                cause: "no Exchange Online mailbox (none, inactive, or on-premises)",
                fix: "give the person an Exchange Online mailbox (a licence that includes one), or stop their sync")
        case "errorinvaliduser"?, "request_resourcenotfound"?, "resourcenotfound"?:
            return .init(
                cause: "the directory user no longer exists (check the e-mail address)",
                fix: "correct the person's e-mail address in the scheduler or in the directory")
        case "erroraccessdenied"?, "accessdenied"?, "forbidden"?, "authorization_requestdenied"?:
            return accessDenied
        case "mass_deletion_held"?:
            return .init(
                cause: "the calendar suddenly lost most of its events; deletions held for review",
                fix: "check the person's calendar, then accept the deletions (POST /v1/sync with acceptDeletions)")
        case "invalid_client"?, "unauthorized_client"?, "invalid_grant"?, "authentication"?:
            return .init(
                cause: "the login endpoint refused the credentials",
                fix: "check the tenant id, the client id and the client secret")
        case "invalidauthenticationtoken"?, "unauthorized"?:
            return unauthorized
        case "throttled"?, "toomanyrequests"?, "applicationthrottled"?:
            return throttled
        case "transient"?, "serviceunavailable"?, "invalidresponse"?, "generalexception"?:
            return outage
        case "insecureurl"?, "invalidurl"?, "configuration"?:
            return .init(
                cause: "the Graph or login URL is refused",
                fix: "check graphBaseURL and authorityHost: absolute https:// URLs (plain http only to this machine)")
        case "erroritemnotfound"?, "notfound"?:
            return .init(cause: "the event is no longer in the calendar (someone deleted it there)")
        case "syncstatelost"?, "syncstatenotfound"?, "resyncrequired"?:
            return .init(cause: "the calendar's change tracking was reset; CalSync reads the calendar again")
        case "mailbox_deferred"?:
            return .init(
                cause: "Microsoft 365 asked CalSync to wait before calling this mailbox again (Retry-After)",
                fix: "nothing to do: CalSync tries again when the wait is over")
        case "integration_removed"?:
            return .init(cause: "the integration was removed before this could run")
        default:
            return nil
        }
    }

    /// The HTTP status alone.
    static func http(_ status: Int?) -> ErrorExplanation? {
        switch status {
        case 401?: return unauthorized
        case 403?: return accessDenied
        case 404?:
            return .init(
                cause: "the mailbox or user was not found (check the e-mail address)",
                fix: "correct the person's e-mail address in the scheduler or in the directory")
        case 429?: return throttled
        case let status? where status >= 500: return outage
        default: return nil
        }
    }

    static let accessDenied = ErrorExplanation(
        cause: "access to this mailbox is denied (an application access policy excludes it, or consent is missing)",
        fix: "grant admin consent for Calendars.ReadWrite and MailboxSettings.Read, or add the mailbox to the application "
            + "access policy")
    static let unauthorized = ErrorExplanation(
        cause: "Microsoft Graph refused CalSync's token (HTTP 401)",
        fix: "check the client secret, admin consent and the Graph URL; run `calsync doctor`")
    static let throttled = ErrorExplanation(
        cause: "Microsoft 365 asked CalSync to slow down (throttling)", fix: "nothing to do: CalSync waits and retries")
    static let outage = ErrorExplanation(
        cause: "the calendar service did not answer properly (timeout, network error or a 5xx): an outage, not a mailbox problem",
        fix: "CalSync retries by itself; if it lasts, check the network and Microsoft 365's service health")
}
