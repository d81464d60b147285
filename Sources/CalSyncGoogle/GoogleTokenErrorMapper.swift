import CalSyncCore
import CalSyncHTTP
import Foundation

/// Turns a refused JWT grant into a `CalendarError` that says what to fix (docs/google.md, "Token errors"). Branches
/// on the OAuth `error` code; Google's `error_description` only picks between the causes `invalid_grant` covers and
/// is quoted for the admin. The recorded code names that cause as a second word (`invalid_grant user`, `… signature`,
/// `… clock`, `… account`), so `GoogleVocabulary` can tell them apart later. Never sees a token or the key.
public enum GoogleTokenErrorMapper {
    /// - Parameters:
    ///   - subject: the person the token was for (nil: the service account itself).
    ///   - clientId: the numeric client id the admin must authorise.
    ///   - scopes: the scopes asked for, which the admin must authorise for that client id.
    public static func map(status: Int, body: Data, subject: String?, clientId: String, scopes: [String])
        -> CalendarError
    {
        let object = (try? JSONValue.parse(body)) ?? .null
        let code = object["error"]?.stringValue
        let description = object["error_description"]?.stringValue ?? ""
        let quoted = description.isEmpty ? "" : " Google says: \(description)"
        let who = subject.map { "\($0)" } ?? "the service account"
        if status == 429 {
            return CalendarError(
                .throttled, httpStatus: status, providerCode: code,
                message: "The Google token endpoint asks to slow down (HTTP 429).")
        }
        if status >= 500 || code == "internal_failure" || code == "temporarily_unavailable" {
            return CalendarError(
                .transient, httpStatus: status, providerCode: code,
                message: "The Google token endpoint is unavailable (HTTP \(status)); retry later.")
        }
        switch code {
        case "unauthorized_client", "access_denied":
            return CalendarError(
                .permissionMissing, httpStatus: status, providerCode: code,
                message: "Domain-wide delegation does not cover client id \(clientId) for the scopes "
                    + "\(scopes.joined(separator: ",")). In the Google Admin console (Security > Access and data control "
                    + "> API controls > Manage domain-wide delegation) add client id \(clientId) with exactly these "
                    + "scopes: \(scopes.joined(separator: ",")). A new grant can take a while to apply." + quoted)
        case "invalid_grant" where description.contains("Signature"):
            return CalendarError(
                .credentialsRejected, httpStatus: status, providerCode: "invalid_grant signature",
                message: "Google refused the key's signature: the key was deleted or disabled in the Google Cloud "
                    + "console, or the key file was altered; upload a current key file." + quoted)
        case "invalid_grant" where description.contains("timeframe") || description.contains("iat"):
            return CalendarError(
                .credentialsRejected, httpStatus: status, providerCode: "invalid_grant clock",
                message: "Google refused the token request's times: this machine's clock is probably wrong; "
                    + "synchronise it (NTP)." + quoted)
        case "invalid_grant" where subject != nil && names(person: description),
            "invalid_request" where subject != nil && description.contains("sub"):
            return CalendarError(
                .noCalendar, httpStatus: status, providerCode: (code ?? "invalid_grant") + " user",
                message: "\(who) is not an active user of the Google Workspace domain (unknown, suspended or "
                    + "deleted, or not their primary address)." + quoted)
        case "invalid_client", "disabled_client", "invalid_grant":
            return CalendarError(
                .credentialsRejected, httpStatus: status,
                providerCode: code == "invalid_grant" ? "invalid_grant account" : code,
                message: "Google refused the service account (client id \(clientId)): it was deleted or disabled, "
                    + "or the key file belongs to another account." + quoted)
        case "admin_policy_enforced", "org_internal":
            return CalendarError(
                .permissionMissing, httpStatus: status, providerCode: code,
                message: "A Google Workspace policy blocks client id \(clientId) for \(who)." + quoted)
        default:
            return CalendarError(
                .credentialsRejected, httpStatus: status, providerCode: code,
                message: "The Google token endpoint refused the request for \(who) (HTTP \(status))." + quoted)
        }
    }

    /// Whether an `invalid_grant` description is about the person (`sub`) rather than the service account: "Invalid
    /// email or User ID", "Not a valid email.", "The account has been deleted" (OBS).
    static func names(person description: String) -> Bool {
        let lowered = description.lowercased()
        return lowered.contains("email") || lowered.contains("user id") || lowered.contains("account has been deleted")
    }
}
