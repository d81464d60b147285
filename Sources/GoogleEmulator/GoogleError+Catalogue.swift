// MARK: - The errors the emulator answers (docs/google.md, "Errors"; bodies as in fixtures/google/error-*.json)

extension GoogleError {
    // MARK: Authentication and authorisation

    /// 401 for an unknown, expired or revoked access token (DOC body, `WWW-Authenticate` as observed).
    static let authError = GoogleError(
        status: 401, reason: "authError", message: "Invalid Credentials", location: "Authorization", locationType: "header",
        headers: ["WWW-Authenticate": "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""])

    /// 401 for a call without an `Authorization` header. The wording is the emulator's (UNCONFIRMED).
    static let loginRequired = GoogleError(
        status: 401, reason: "required", message: "Login Required.", location: "Authorization", locationType: "header",
        statusName: "UNAUTHENTICATED", headers: ["WWW-Authenticate": "Bearer realm=\"https://accounts.google.com/\""])

    /// 403 when the token's scopes do not cover the method (OBS wording).
    static let insufficientPermissions = GoogleError(
        status: 403, reason: "insufficientPermissions", message: "Request had insufficient authentication scopes.",
        statusName: "PERMISSION_DENIED")

    /// 403 from the Directory API when the token's subject is not an administrator (OBS, fixture
    /// error-403-directory-not-admin.json).
    static let notAuthorized = GoogleError(
        status: 403, reason: "forbidden", message: "Not Authorized to access this resource/api")

    /// 403 for attendees on an event written by a service account acting as itself (OBS).
    static let forbiddenForServiceAccounts = GoogleError(
        status: 403, domain: "calendar", reason: "forbiddenForServiceAccounts",
        message: "Service accounts cannot invite attendees without Domain-Wide Delegation of Authority.")

    static let forbidden = GoogleError(status: 403, reason: "forbidden", message: "Forbidden")

    // MARK: Resources

    static let notFound = GoogleError(status: 404, reason: "notFound", message: "Not Found")
    static let duplicate = GoogleError(status: 409, reason: "duplicate", message: "The requested identifier already exists.")
    static let deleted = GoogleError(status: 410, reason: "deleted", message: "Resource has been deleted")
    static let fullSyncRequired = GoogleError(
        status: 410, domain: "calendar", reason: "fullSyncRequired",
        message: "Sync token is no longer valid, a full sync is required.", location: "syncToken", locationType: "parameter")
    static let updatedMinTooLongAgo = GoogleError(
        status: 410, domain: "calendar", reason: "updatedMinTooLongAgo",
        message: "The requested minimum modification time lies too far in the past.", location: "updatedMin",
        locationType: "parameter")
    static let conditionNotMet = GoogleError(
        status: 412, reason: "conditionNotMet", message: "Precondition Failed", location: "If-Match", locationType: "header")

    // MARK: Requests

    static func invalid(_ message: String, parameter: String? = nil) -> GoogleError {
        GoogleError(
            status: 400, reason: "invalid", message: message, location: parameter,
            locationType: parameter == nil ? nil : "parameter")
    }

    static func required(_ message: String, location: String? = nil) -> GoogleError {
        GoogleError(status: 400, reason: "required", message: message, location: location)
    }

    static let parseError = GoogleError(status: 400, reason: "parseError", message: "Parse Error")

    static func timeRangeEmpty(location: String) -> GoogleError {
        GoogleError(
            status: 400, domain: "calendar", reason: "timeRangeEmpty", message: "The specified time range is empty.",
            location: location, locationType: "parameter")
    }

    /// 400 for a `syncToken` with a parameter that cannot go with it (OBS wording and reason).
    static func syncTokenWithRestrictions(_ parameter: String) -> GoogleError {
        GoogleError(
            status: 400, reason: "syncTokenWithRequestRestrictions",
            message: "Sync token cannot be used with other request restrictions.", location: parameter,
            locationType: "parameter")
    }

    // MARK: Quotas and transient failures (DOC bodies)

    static func rateLimitExceeded(status: Int) -> GoogleError {
        GoogleError(status: status, domain: "usageLimits", reason: "rateLimitExceeded", message: "Rate Limit Exceeded")
    }

    static let userRateLimitExceeded = GoogleError(
        status: 403, domain: "usageLimits", reason: "userRateLimitExceeded", message: "User Rate Limit Exceeded")
    static let quotaExceeded = GoogleError(
        status: 403, domain: "usageLimits", reason: "quotaExceeded", message: "Calendar usage limits exceeded.")
    static let backendError = GoogleError(status: 500, reason: "backendError", message: "Backend Error")
    static let unavailable = GoogleError(
        status: 503, reason: "backendError", message: "The service is currently unavailable.", statusName: "UNAVAILABLE")

    /// Whether the answer asks the client to back off before calling again for the same person.
    var asksForBackoff: Bool {
        switch (status, reason) {
        case (403, "rateLimitExceeded"), (403, "userRateLimitExceeded"), (403, "quotaExceeded"), (429, _), (500, _), (503, _):
            return true
        default:
            return false
        }
    }
}
