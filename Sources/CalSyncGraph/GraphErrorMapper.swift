import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Turns a failed Graph answer into a `CalendarError` the sync engine can act on. Pure: no I/O,
/// and `now` is passed in so HTTP-date `Retry-After` values are testable.
///
/// Rules (docs/microsoft-365.md §3b, §5, §7, §10): 410 (any code) or a `syncStateNotFound` / `resyncRequired`
/// code (any status, any nesting depth) → `.cursorExpired`; 404 `MailboxNotEnabledForRESTAPI` → `.noCalendar`;
/// other 404 → `.notFound`; 429 and 503 → `.throttled` with `Retry-After`; 401 → `.unauthorized`; 403 →
/// `.permissionMissing`; other 5xx →
/// `.transient`; other 4xx → `.invalidRequest`. Graph's `message` is kept for people but never
/// branched on.
public enum GraphErrorMapper {
    /// Codes meaning "the delta token is gone: start a new round" (compared case-insensitively).
    static let syncStateCodes: Set<String> = ["syncstatenotfound", "resyncrequired"]

    /// Maps an HTTP answer with a non-success status.
    public static func map(status: Int, headers: HTTPHeaders, body: Data, now: Date) -> CalendarError {
        let parsed = GraphErrorBody(data: body)
        let retryAfter = headers["Retry-After"].flatMap { RetryAfter.seconds(from: $0, now: now) }
        return classify(
            status: status, error: parsed, retryAfter: retryAfter, location: headers["Location"],
            bodyDescription: parsed == nil ? describeNonJSON(body, contentType: headers["Content-Type"]) : nil)
    }

    /// Maps one `$batch` response item: `headers` is the item's JSON object (names in any case,
    /// Graph often writes `retry-after`), `body` the item's already-parsed JSON (or nil).
    public static func mapBatchItem(status: Int, headers: [String: String], body: Any?, now: Date) -> CalendarError {
        var httpHeaders = HTTPHeaders()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { httpHeaders.add(name, value) }
        var data = Data()
        if let body, JSONSerialization.isValidJSONObject(body) {
            data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
        } else if let text = body as? String {
            data = Data(text.utf8)
        }
        return map(status: status, headers: httpHeaders, body: data, now: now)
    }

    /// Maps a failure below HTTP (no status received). Timeouts and resets are transient; for a
    /// create the outcome is then unknown (look the event up by its tag before creating again).
    public static func map(transportError error: HTTPTransportError) -> CalendarError {
        if error.kind == .invalidURL {
            return CalendarError(
                .configuration, providerCode: nil, message: "invalid request URL (\(error.kind.rawValue)): \(error.message)")
        }
        return CalendarError(.transient, message: "network error (\(error.kind.rawValue)): \(error.message)")
    }

    // MARK: - Classification

    static func classify(
        status: Int, error: GraphErrorBody?, retryAfter: Double?, location: String?, bodyDescription: String?
    ) -> CalendarError {
        let code = error?.reportedCode
        let message = describe(status: status, error: error, bodyDescription: bodyDescription)
        let codes = error?.allCodes.map { $0.lowercased() } ?? []

        if status == 410 || codes.contains(where: syncStateCodes.contains) {
            var text = "delta sync state lost; start a new round (\(message))"
            if status == 410, location != nil { text += "; the service offered a fresh delta URL (Location)" }
            return CalendarError(.cursorExpired, httpStatus: status, providerCode: code, message: text)
        }
        switch status {
        case 404 where code?.lowercased() == "mailboxnotenabledforrestapi":
            // The user has no Exchange Online mailbox (none, inactive, or on-premises): no calendar to read.
            return CalendarError(.noCalendar, httpStatus: status, providerCode: code, message: message)
        case 404:
            return CalendarError(.notFound, httpStatus: status, providerCode: code, message: message)
        case 429, 503:
            return CalendarError(.throttled, httpStatus: status, providerCode: code, message: message, retryAfter: retryAfter)
        case 401:
            return CalendarError(
                .unauthorized, httpStatus: status, providerCode: code,
                message: "Graph refused the access token: \(message)")
        case 403:
            return CalendarError(
                .permissionMissing, httpStatus: status, providerCode: code, message: forbiddenMessage(error, message))
        case 500...599:
            return CalendarError(.transient, httpStatus: status, providerCode: code, message: message, retryAfter: retryAfter)
        case 400...499:
            return CalendarError(.invalidRequest, httpStatus: status, providerCode: code, message: message)
        default:
            return CalendarError(
                .transient, httpStatus: status, providerCode: code, message: "unexpected HTTP status: \(message)",
                retryAfter: retryAfter)
        }
    }

    /// 403 has two usual causes with the same code; name the likely one for admins (docs/microsoft-365.md §1).
    static func forbiddenMessage(_ error: GraphErrorBody?, _ message: String) -> String {
        let text = error?.message ?? ""
        if text.localizedCaseInsensitiveContains("OData is disabled") {
            return "\(message) (an Exchange application access policy excludes this mailbox)"
        }
        if error?.code == "Authorization_RequestDenied" {
            return "\(message) (the app lacks a directory permission such as User.Read.All, or admin consent)"
        }
        return "\(message) (check the app's application permissions and admin consent)"
    }

    static func describe(status: Int, error: GraphErrorBody?, bodyDescription: String?) -> String {
        guard let error else { return bodyDescription ?? "HTTP \(status) with an empty body" }
        var text = error.message.isEmpty ? "HTTP \(status)" : error.message
        if let inner = error.specificInnerCode, !error.code.isEmpty { text += " (inner code \(inner))" }
        if let requestId = error.requestId { text += " [request-id \(requestId)]" }
        return text
    }

    /// A short, single-line description of a body that is not Graph's JSON error envelope.
    static func describeNonJSON(_ body: Data, contentType: String?) -> String {
        guard !body.isEmpty else { return "empty body" }
        let kind = contentType.map { " (\($0))" } ?? ""
        guard let text = String(data: body, encoding: .utf8) else { return "binary body of \(body.count) bytes\(kind)" }
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        let snippet = flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
        return "body without a Graph error object\(kind): \(snippet)"
    }
}
