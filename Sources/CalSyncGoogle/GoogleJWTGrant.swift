import CalSyncCore
import CalSyncCrypto
import CalSyncHTTP
import Foundation

/// The OAuth 2.0 JWT bearer grant (RFC 7523) of a service account acting as one person (docs/google.md, "Access
/// tokens"): an RS256-signed assertion with `iss` = the key's client e-mail, `sub` = the person, the scopes, Google's
/// token URL as `aud`, `iat` = now and `exp` = an hour later; posted as a form with exactly two fields.
public enum GoogleJWTGrant {
    public static let grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// `exp - iat`: the most Google accepts (DOC).
    public static let lifetime = 3600

    /// The signed assertion. `subject` nil acts as the service account itself (no delegation).
    public static func assertion(key: GoogleServiceAccountKey, subject: String?, scopes: [String], now: Date)
        throws(CalendarError) -> String
    {
        var header: [String: JSONValue] = ["alg": "RS256", "typ": "JWT"]
        if let keyId = key.keyId { header["kid"] = .string(keyId) }
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
        var claims: [String: JSONValue] = [
            "iss": .string(key.clientEmail), "scope": .string(scopes.joined(separator: " ")),
            "aud": .string(GoogleEndpoints.audience), "iat": .number(Double(issuedAt)),
            "exp": .number(Double(issuedAt + lifetime)),
        ]
        if let subject { claims["sub"] = .string(subject) }
        do {
            return try CompactJWS.signRS256(
                header: Array(JSONValue.object(header).serialized.utf8),
                payload: Array(JSONValue.object(claims).serialized.utf8), key: key.privateKey)
        } catch {
            throw CalendarError(
                .configuration, providerCode: "signing_failed",
                message: "The service-account key could not sign the token request (\(error.reason)).")
        }
    }

    /// The form body: `grant_type` and `assertion` (base64url and dots need no escaping).
    public static func formBody(assertion: String) -> Data {
        Data("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)".utf8)
    }
}
