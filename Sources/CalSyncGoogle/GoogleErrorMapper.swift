import CalSyncCore
import CalSyncHTTP
import Foundation

/// Turns a Calendar or Directory error answer into a `CalendarError` (docs/google.md, "Errors"), keeping Google's
/// reason (`error.errors[0].reason`, else `details[].reason`, else `status`) as the provider code.
public enum GoogleErrorMapper {
    /// Reasons that ask for a back-off and a retry.
    public static let rateLimitReasons: Set<String> = ["rateLimitExceeded", "userRateLimitExceeded"]

    /// Google's reason in an error body.
    public static func reason(in body: Data) -> String? {
        guard let error = (try? JSONValue.parse(body))?["error"] else { return nil }
        if let reason = error["errors"]?.arrayValue?.first?["reason"]?.stringValue { return reason }
        if let reason = error["details"]?.arrayValue?.lazy.compactMap({ $0["reason"]?.stringValue }).first {
            return reason
        }
        return error["status"]?.stringValue
    }

    public static func map(status: Int, body: Data, retryAfter: Double?) -> CalendarError {
        let reason = reason(in: body)
        let googleMessage = (try? JSONValue.parse(body))?["error"]?["message"]?.stringValue
        let said = googleMessage.map { " Google says: \($0)" } ?? ""
        func error(_ kind: CalendarError.Kind, _ message: String) -> CalendarError {
            CalendarError(kind, httpStatus: status, providerCode: reason, message: message + said, retryAfter: retryAfter)
        }
        switch (status, reason) {
        case (429, _), (403, "rateLimitExceeded"?), (403, "userRateLimitExceeded"?):
            return error(.throttled, "Google's rate limit was reached.")
        case (403, "quotaExceeded"?):
            return error(.throttled, "Google's calendar usage limits were exceeded; CalSync waits before trying again.")
        case (403, "insufficientPermissions"?):
            return error(.permissionMissing, "The access token lacks a scope this call needs.")
        case (403, "accessNotConfigured"?), (403, "SERVICE_DISABLED"?):
            return error(
                .permissionMissing,
                "The Google Calendar API is not enabled in the service account's Google Cloud project.")
        case (403, _):
            return error(.permissionMissing, "Google refused the call (not allowed for this account).")
        case (401, _):
            return error(.unauthorized, "Google refused a freshly issued access token.")
        case (404, _):
            return error(.notFound, "Google has no such item.")
        case (410, "deleted"?):
            return error(.notFound, "The event was already deleted.")
        case (410, _):
            return error(.cursorExpired, "The sync token is no longer valid; a full listing is needed.")
        case (409, _), (412, _):
            return error(.transient, "Google reported a conflicting change; retry.")
        case (400..<500, _):
            return error(.invalidRequest, "Google refused the request as invalid (HTTP \(status)).")
        default:
            return error(.transient, "Google is unavailable (HTTP \(status)); retry later.")
        }
    }

    public static func map(transportError error: HTTPTransportError) -> CalendarError {
        CalendarError(
            .transient, providerCode: error.kind.rawValue,
            message: "Google could not be reached (\(error.kind.rawValue)).")
    }
}
