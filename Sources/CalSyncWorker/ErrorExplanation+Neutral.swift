import CalSyncCore

extension ErrorExplanation {
    /// The explanation of a recorded error, or nil when CalSync knows nothing more than its code says: the calendar
    /// system's own (its `ProviderVocabulary`), else CalSync's neutral one for its own kinds of error and the HTTP
    /// status.
    public static func of(
        code: String?, httpStatus: Int?, context: Context = Context(), vocabulary: any ProviderVocabulary
    ) -> ErrorExplanation? {
        vocabulary.explain(code: code, httpStatus: httpStatus, context: context)
            ?? neutral(code: code, httpStatus: httpStatus)
    }

    /// The same, with the system chosen by the context's integration (integration unknown: the first system that
    /// knows the code).
    public static func of(
        code: String?, httpStatus: Int?, context: Context = Context(), vocabularies: ProviderVocabularies
    ) -> ErrorExplanation? {
        vocabularies.explain(code: code, httpStatus: httpStatus, context: context)
            ?? neutral(code: code, httpStatus: httpStatus)
    }

    /// CalSync's own codes and kinds of error, then the HTTP status alone.
    static func neutral(code: String?, httpStatus: Int?) -> ErrorExplanation? {
        // A 5xx or no answer at all is the service's failure, whatever the code (the diagnosis's own rule).
        if CalendarError.isServiceFailure(code: code, httpStatus: httpStatus) { return outage }
        return known(code: code) ?? http(httpStatus)
    }

    static func known(code: String?) -> ErrorExplanation? {
        switch code?.lowercased() {
        case "mass_deletion_held"?:
            return .init(
                cause: "the calendar suddenly lost most of its events; deletions held for review",
                fix: "check the person's calendar, then accept the deletions (POST /v1/sync with acceptDeletions)")
        case "integration_removed"?:
            return .init(cause: "the integration was removed before this could run")
        case "mailbox_deferred"?:
            return .init(
                cause: "the calendar service asked CalSync to wait before calling this calendar again (Retry-After)",
                fix: "nothing to do: CalSync tries again when the wait is over")
        case "credential_unreadable"?:
            return .init(
                cause: "the integration's credential is stored encrypted under another key than this server's (or "
                    + "none is configured)",
                fix: "set CALSYNC_SECRET_KEY_FILE to the key it was stored under, or enter the credential again")
        default:
            break
        }
        let kind = CalendarError.Kind.allCases.first { $0.rawValue.lowercased() == code?.lowercased() }
        switch kind {
        case .credentialsRejected?:
            return .init(
                cause: "the sign-in refused the connection's credentials",
                fix: "check the integration's credentials; run `calsync doctor`")
        case .unauthorized?: return unauthorized
        case .permissionMissing?: return accessDenied
        case .throttled?: return throttled
        case .transient?: return outage
        case .configuration?:
            return .init(
                cause: "the calendar service's or the sign-in's address is refused",
                fix: "check the integration's URLs: absolute https:// URLs (plain http only to this machine)")
        case .notFound?: return .init(cause: "the event is no longer in the calendar (someone deleted it there)")
        case .cursorExpired?:
            return .init(cause: "the calendar's change tracking was reset; CalSync reads the calendar again")
        case .noCalendar?:
            return .init(
                cause: "the person has no calendar in this calendar system",
                fix: "give the person a calendar there, or stop their sync")
        case .invalidRequest?, nil:
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
                cause: "the calendar or user was not found (check the e-mail address)",
                fix: "correct the person's e-mail address in the scheduler or in the directory")
        case 429?: return throttled
        case let status? where status >= 500: return outage
        default: return nil
        }
    }

    static let accessDenied = ErrorExplanation(
        cause: "access to this calendar is denied (a permission is missing, or an access policy excludes it)",
        fix: "grant CalSync's connection access to the person's calendar")
    static let unauthorized = ErrorExplanation(
        cause: "the calendar service refused CalSync's credentials (HTTP 401)",
        fix: "check the integration's credentials and permissions; run `calsync doctor`")
    static let throttled = ErrorExplanation(
        cause: "the calendar service asked CalSync to slow down (throttling)", fix: "nothing to do: CalSync waits and retries")
    static let outage = ErrorExplanation(
        cause:
            "the calendar service did not answer properly (timeout, network error or a 5xx): an outage, not a calendar problem",
        fix: "CalSync retries by itself; if it lasts, check the network and the calendar service's health")
}
