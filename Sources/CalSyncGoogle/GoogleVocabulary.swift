import CalSyncCore

/// What CalSync knows of Google Workspace without calling it: the neutral kind of the codes the Google adapter
/// records (Google's error reasons, the token endpoint's OAuth errors with their cause as a second word, CalSync's own
/// codes for a key file it cannot use) and plain explanations for the ones an admin must act on (docs/google.md,
/// "Token errors", "Errors").
public struct GoogleVocabulary: ProviderVocabulary {
    /// The connection type's name in the API and the configuration file.
    public static let type = "google"

    public init() {}

    public var connectionType: String { Self.type }

    /// Compared case-insensitively, word by word: the most specific word wins (`invalid_grant user` is the person's).
    public func kind(ofCode code: String) -> CalendarError.Kind? {
        let words = code.lowercased().split(separator: " ").map(String.init)
        for word in words.reversed() {
            if let kind = Self.kinds[word] { return kind }
        }
        return nil
    }

    static let kinds: [String: CalendarError.Kind] = [
        // The token endpoint (the second word names the cause).
        "unauthorized_client": .permissionMissing, "access_denied": .permissionMissing,
        "admin_policy_enforced": .permissionMissing, "org_internal": .permissionMissing,
        "invalid_client": .credentialsRejected, "disabled_client": .credentialsRejected,
        "invalid_grant": .credentialsRejected, "signature": .credentialsRejected, "clock": .credentialsRejected,
        "account": .credentialsRejected, "user": .noCalendar, "invalid_token_response": .credentialsRejected,
        // The key file and settings, refused before anything is sent.
        "invalid_service_account_key": .configuration, "invalid_base_url": .configuration,
        "signing_failed": .configuration,
        // Calendar and Directory reasons.
        "ratelimitexceeded": .throttled, "userratelimitexceeded": .throttled, "quotaexceeded": .throttled,
        "insufficientpermissions": .permissionMissing, "forbidden": .permissionMissing,
        "accessnotconfigured": .permissionMissing, "service_disabled": .permissionMissing,
        "notfound": .notFound, "deleted": .notFound, "fullsyncrequired": .cursorExpired,
        "updatedmintoolongago": .cursorExpired, "unreadable_cursor": .cursorExpired, "autherror": .unauthorized,
        "backenderror": .transient, "conflict": .transient, "conditionnotmet": .transient,
    ]

    public func explain(code: String?, httpStatus: Int?, context: ErrorExplanation.Context) -> ErrorExplanation? {
        let words = Set((code ?? "").lowercased().split(separator: " ").map(String.init))
        let clientId = context.integration?.connection.google.map { " (\($0.serviceAccount.clientId))" } ?? ""
        let delegation =
            "In the Google Admin console (Security > Access and data control > API controls > Manage "
            + "domain-wide delegation), authorise the service account's client id\(clientId) for exactly the scopes "
            + "\(GoogleScope.calendar) (and \(GoogleScope.directory) when people are found through the directory)"
        if words.contains("unauthorized_client") || words.contains("access_denied") {
            return ErrorExplanation(
                cause: "domain-wide delegation is missing for the service account's client id or a scope",
                fix: delegation + "; a new grant can take a while to apply")
        }
        if words.contains("user") {
            return ErrorExplanation(
                cause: "not an active user of the Google Workspace domain",
                fix: "use the person's primary address, and check that the account exists and is not suspended")
        }
        if words.contains("signature") || words.contains("account") || words.contains("invalid_client")
            || words.contains("disabled_client")
        {
            return ErrorExplanation(
                cause: "Google refused the service account or its key",
                fix: "create a new JSON key for the service account in the Google Cloud console and put the key file in "
                    + context.secretPlace)
        }
        if words.contains("clock") {
            return ErrorExplanation(cause: "this machine's clock is off", fix: "synchronise the clock (NTP)")
        }
        if words.contains("invalid_service_account_key") {
            return ErrorExplanation(
                cause: "the service-account key file is not usable",
                fix: "paste the whole JSON key file Google made for the service account")
        }
        if words.contains("accessnotconfigured") || words.contains("service_disabled") {
            return ErrorExplanation(
                cause: "the Google Calendar API is not enabled in the service account's Google Cloud project",
                fix: "enable the Google Calendar API (and the Admin SDK API for the directory) in that project")
        }
        if words.contains("insufficientpermissions") {
            return ErrorExplanation(cause: "the access token lacks a scope this call needs", fix: delegation)
        }
        if words.contains("quotaexceeded") {
            return ErrorExplanation(
                cause: "Google's calendar usage limits were exceeded",
                fix: "CalSync waits before writing again; if it lasts, fewer writes per person help")
        }
        return nil
    }
}
