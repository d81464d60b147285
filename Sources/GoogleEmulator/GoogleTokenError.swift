import CalSyncHTTP

/// An error answer of the token endpoint, in the OAuth 2.0 shape (RFC 6749 §5.2) Google uses:
/// `{"error": "<code>", "error_description": "<text>"}` (fixtures `token-error-*.json`).
struct GoogleTokenError: Error, Sendable, Hashable {
    var status: Int
    var error: String
    var description: String

    var body: JSONValue { ["error": .string(error), "error_description": .string(description)] }

    var response: HTTPResponse {
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json; charset=utf-8"
        headers["Cache-Control"] = "no-cache, no-store, max-age=0, must-revalidate"
        headers["Pragma"] = "no-cache"
        return HTTPResponse(status: status, headers: headers, body: body.data)
    }

    // MARK: - The catalogue (docs/google.md, "Token errors")

    /// 401 (OBS): the client id has no domain-wide delegation, or not for every requested scope.
    static let unauthorizedClient = GoogleTokenError(
        status: 401, error: "unauthorized_client",
        description:
            "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."
    )
    /// 400 (OBS): the subject is not a user of the domain.
    static let unknownSubject = GoogleTokenError(status: 400, error: "invalid_grant", description: "Invalid email or User ID")
    /// 400 (OBS): the signature does not verify with any key of the issuer.
    static let badSignature = GoogleTokenError(status: 400, error: "invalid_grant", description: "Invalid JWT Signature.")
    /// 400 (OBS): `iat`/`exp` missing, too far apart or outside the allowed skew.
    static let badTimes = GoogleTokenError(
        status: 400, error: "invalid_grant",
        description:
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
    )
    /// 400: the issuer is not a service account of this emulator (wording UNCONFIRMED).
    static let unknownIssuer = GoogleTokenError(
        status: 400, error: "invalid_grant", description: "Invalid grant: account not found")

    /// 400: the audience is not the token endpoint (wording the emulator's).
    static func badAudience(_ audience: String) -> GoogleTokenError {
        GoogleTokenError(
            status: 400, error: "invalid_grant",
            description:
                "Invalid JWT: Failed audience check. The expected value was https://oauth2.googleapis.com/token, got \(audience)."
        )
    }

    /// 400 (OBS): a `sub` that is not an e-mail address.
    static func badSubject(_ subject: String) -> GoogleTokenError {
        GoogleTokenError(status: 400, error: "invalid_request", description: "Invalid impersonation \"sub\" field: \(subject)")
    }

    static func invalidRequest(_ description: String) -> GoogleTokenError {
        GoogleTokenError(status: 400, error: "invalid_request", description: description)
    }

    static let missingScope = GoogleTokenError(
        status: 400, error: "invalid_scope", description: "Invalid OAuth scope or ID token audience provided.")

    static func unsupportedGrant(_ grant: String) -> GoogleTokenError {
        GoogleTokenError(status: 400, error: "unsupported_grant_type", description: "Invalid grant_type: \(grant)")
    }

    /// Transient failures (google-auth retries 500 and 503, OBS).
    static let internalFailure = GoogleTokenError(status: 500, error: "internal_failure", description: "Backend Error")
    static let unavailable = GoogleTokenError(
        status: 503, error: "temporarily_unavailable", description: "The service is currently unavailable.")
}
