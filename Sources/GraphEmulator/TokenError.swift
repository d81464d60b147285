import CalSyncHTTP
import Foundation

/// An Entra token-endpoint error (docs/microsoft-365.md §1): `error`, `error_description` starting `AADSTSnnn:`
/// followed by trace/correlation ids and a timestamp, `error_codes`, `timestamp`, `trace_id`,
/// `correlation_id`, `error_uri` (fixture token-error-invalid-scope.json).
struct TokenError: Error, Sendable {
    var status: Int
    var error: String
    var code: Int
    var message: String

    func response(now: Date, traceId: String, correlationId: String) -> HTTPResponse {
        let timestamp = GraphDateFormat.entraTimestamp(now)
        let description =
            "AADSTS\(code): \(message)\r\nTrace ID: \(traceId)\r\nCorrelation ID: \(correlationId)\r\nTimestamp: \(timestamp)"
        let body: EmulatorJSON = [
            "error": .string(error),
            "error_description": .string(description),
            "error_codes": [.number(Double(code))],
            "timestamp": .string(timestamp),
            "trace_id": .string(traceId),
            "correlation_id": .string(correlationId),
            "error_uri": .string("https://login.microsoftonline.com/error?code=\(code)"),
        ]
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json; charset=utf-8"
        headers["Cache-Control"] = "no-store, no-cache"
        headers["x-ms-request-id"] = traceId
        return HTTPResponse(status: status, headers: headers, body: body.data)
    }

    static func missingParameter(_ name: String) -> TokenError {
        TokenError(
            status: 400, error: "invalid_request", code: 900144,
            message: "The request body must contain the following parameter: '\(name)'.")
    }

    static func tenantNotFound(_ tenant: String) -> TokenError {
        TokenError(
            status: 400, error: "invalid_request", code: 90002,
            message:
                "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
        )
    }

    static func malformedTenant(_ tenant: String) -> TokenError {
        TokenError(
            status: 400, error: "invalid_request", code: 900023,
            message: "Specified tenant identifier '\(tenant)' is neither a valid DNS name, nor a valid external domain.")
    }

    static func unsupportedGrant(_ grant: String) -> TokenError {
        TokenError(
            status: 400, error: "unsupported_grant_type", code: 70003,
            message: "The app requested an unsupported grant type '\(grant)'.")
    }

    static func unknownClient(_ clientId: String, tenant: String) -> TokenError {
        TokenError(
            status: 400, error: "unauthorized_client", code: 700016,
            message:
                "Application with identifier '\(clientId)' was not found in the directory '\(tenant)'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
        )
    }

    static func missingSecret() -> TokenError {
        TokenError(
            status: 400, error: "invalid_request", code: 7_000_218,
            message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
    }

    static func wrongSecret(_ clientId: String, status: Int) -> TokenError {
        TokenError(
            status: status, error: "invalid_client", code: 7_000_215,
            message:
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(clientId)'."
        )
    }

    static func invalidScope(_ scope: String) -> TokenError {
        TokenError(
            status: 400, error: "invalid_scope", code: 70011,
            message: "The provided value for the input parameter 'scope' is not valid. The scope \(scope) is not valid.")
    }
}
