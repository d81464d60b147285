import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Turns a failed token-endpoint answer into a `CalendarError(.credentialsRejected)` whose message names
/// the likely cause. Pure; never sees the secret except to scrub it (defence in depth).
///
/// The OAuth body (docs/microsoft-365.md §1): `error`, `error_description` (`AADSTSnnnnn: …` then `Trace ID`,
/// `Correlation ID`, `Timestamp` lines), `error_codes`. Microsoft says to branch on `error` and
/// `error_codes`, never on the description text; the description is only shown.
public enum TokenErrorMapper {
    /// Maps a non-200 token answer. 429 / 5xx are the login service's own trouble, not the
    /// credentials': they map to `.throttled` / `.transient` so the engine retries.
    public static func map(status: Int, headers: HTTPHeaders, body: Data, now: Date, scrub: [String] = [])
        -> CalendarError
    {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let oauthError = object?["error"] as? String
        let description = (object?["error_description"] as? String).map(trimDiagnostics)
        let aadsts = aadstsCode(codes: object?["error_codes"], description: description)
        let code = [oauthError, aadsts.map { "AADSTS\($0)" }].compactMap { $0 }.joined(separator: " ")

        if status == 429 || (500...599).contains(status) {
            let retryAfter = headers["Retry-After"].flatMap { RetryAfter.seconds(from: $0, now: now) }
            let kind: CalendarError.Kind = status == 429 || status == 503 ? .throttled : .transient
            return CalendarError(
                kind, httpStatus: status, providerCode: code.isEmpty ? nil : code,
                message: scrubbed("the token endpoint is unavailable (HTTP \(status)); retry later", scrub),
                retryAfter: retryAfter)
        }
        var message = cause(aadsts: aadsts, oauthError: oauthError, status: status)
        if let description, !description.isEmpty {
            message += " Microsoft says: \(description)"
        } else if object == nil {
            message += " The answer was not an OAuth error (HTTP \(status)); is authorityHost the login endpoint?"
        }
        return CalendarError(
            .credentialsRejected, httpStatus: status, providerCode: code.isEmpty ? nil : code, message: scrubbed(message, scrub))
    }

    /// A sentence naming the likely cause, from the AADSTS number first, then the OAuth `error`.
    static func cause(aadsts: Int?, oauthError: String?, status: Int) -> String {
        switch aadsts {
        case 7_000_215:
            return "The client secret is wrong (check that the secret's value, not its id, was entered)."
        case 7_000_222:
            return "The client secret has expired; create a new one in the app registration."
        case 7_000_218:
            return "No client secret was sent with the token request."
        case 700_016:
            return "The client id is unknown in this tenant (wrong application id, or the app is not in this tenant)."
        case 90_002:
            return "The tenant was not found; check the tenant id."
        case 900_023:
            return "The tenant id is malformed; use the tenant GUID or a verified domain."
        case 70_011, 700_022:
            return "The token scope was refused; it must be https://graph.microsoft.com/.default."
        case 7_000_112:
            return "The application is disabled in the tenant."
        default:
            break
        }
        switch oauthError {
        case "invalid_client":
            return "The client credentials were refused (wrong client secret or client id)."
        case "unauthorized_client":
            return "The client id is not authorised in this tenant (unknown or disabled application)."
        case "invalid_scope", "invalid_resource":
            return "The token scope was refused; it must be https://graph.microsoft.com/.default."
        case "invalid_request":
            return "The token request was refused (often an unknown or malformed tenant id)."
        case "temporarily_unavailable":
            return "The login service is temporarily unavailable."
        case let other?:
            return "The token request was refused (\(other))."
        case nil:
            return "The token endpoint refused the request with HTTP \(status)."
        }
    }

    /// The first AADSTS number from `error_codes`, else from an `AADSTSnnnn:` prefix in the text.
    static func aadstsCode(codes: Any?, description: String?) -> Int? {
        if let numbers = codes as? [Any] {
            for entry in numbers {
                if let number = entry as? Int { return number }
                if let number = entry as? NSNumber { return number.intValue }
            }
        }
        guard let description, let range = description.range(of: "AADSTS") else { return nil }
        let digits = description[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// Drops the `Trace ID`, `Correlation ID` and `Timestamp` lines; keeps the rest on one line.
    static func trimDiagnostics(_ description: String) -> String {
        let noise = ["trace id:", "correlation id:", "timestamp:"]
        return description.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in !line.isEmpty && !noise.contains { line.lowercased().hasPrefix($0) } }
            .joined(separator: " ")
    }

    /// Replaces every occurrence of the given values (the secret, a token) with `<redacted>`.
    static func scrubbed(_ text: String, _ values: [String]) -> String {
        values.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}
