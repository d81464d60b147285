import CalSyncCore
import CalSyncHTTP
import Foundation

/// The connection fields of a `google` integration's bodies (docs/api.md, "Integrations"): the service account's JSON
/// key file as an object (write-only: stored whole, only its public identity is ever shown), an optional admin
/// address for the directory and an optional base URL. The key's public fields are read here with plain JSON; the
/// private key itself is read by the Google adapter when the integration is validated (`ConnectionValidation`). No
/// message quotes the key.
enum GoogleInput {
    static let createFields: Set<String> = ["serviceAccountKey", "adminEmail", "googleBaseURL"]
    /// A PATCH rotates the key and may change the admin address and the base URL.
    static let patchFields: Set<String> = ["serviceAccountKey", "adminEmail", "googleBaseURL"]
    /// A key file is about 2.4 KB; anything much larger is not one.
    static let maxKeyBytes = 16_384
    static let googleTokenURI = "https://oauth2.googleapis.com/token"
    static let googleUniverse = "googleapis.com"

    static func created(from body: JSONInput) throws -> GoogleConnection {
        guard body.has("serviceAccountKey"), !body.isNull("serviceAccountKey") else {
            throw APIError.invalid("serviceAccountKey", "`serviceAccountKey` is required: the service account's JSON key file.")
        }
        let (key, identity) = try serviceAccountKey(body)
        return GoogleConnection(
            serviceAccountKey: key, serviceAccount: identity, adminEmail: try adminEmail(body),
            googleBaseURL: try googleBaseURL(body) ?? GoogleConnection.defaultServiceURL)
    }

    static func patched(_ current: GoogleConnection, with body: JSONInput) throws -> GoogleConnection {
        var updated = current
        if body.has("serviceAccountKey") {
            guard !body.isNull("serviceAccountKey") else {
                throw APIError.invalid(
                    "serviceAccountKey", "`serviceAccountKey` cannot be null; leave it out to keep the current key.")
            }
            (updated.serviceAccountKey, updated.serviceAccount) = try serviceAccountKey(body)
        }
        if body.has("adminEmail") { updated.adminEmail = try adminEmail(body) }
        if body.has("googleBaseURL") { updated.googleBaseURL = try googleBaseURL(body) ?? GoogleConnection.defaultServiceURL }
        return updated
    }

    /// `adminEmail`: an e-mail address; null or omitted = none (each person's address is tried as their calendar).
    static func adminEmail(_ body: JSONInput) throws -> String? {
        guard let text = try body.string("adminEmail", maxLength: 320) else { return nil }
        return try InstructorInput.email(text.trimmingCharacters(in: .whitespaces), field: "adminEmail")
    }

    /// `googleBaseURL`: https://, or plain http:// on a loopback host only.
    static func googleBaseURL(_ body: JSONInput) throws -> String? {
        try body.string("googleBaseURL", maxLength: 2_048).map { try EndpointURL.validated($0, field: "googleBaseURL") }
    }

    /// The key file as stored (its JSON text) and its public identity.
    static func serviceAccountKey(_ body: JSONInput) throws -> (Secret, ServiceAccountIdentity) {
        guard let key = try body.object("serviceAccountKey") else {
            throw refused("it is missing")
        }
        let text = JSONValue.object(key.fields).serialized
        guard text.utf8.count <= maxKeyBytes else { throw refused("it is larger than a key file (\(maxKeyBytes) bytes)") }
        func field(_ name: String) throws -> String? {
            guard let value = key.fields[name] else { return nil }
            guard case .string(let string) = value else { throw refused("\"\(name)\" must be a string") }
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard try field("type") == "service_account" else {
            throw refused("\"type\" is not \"service_account\" (is this an OAuth client file?)")
        }
        guard let clientEmail = try field("client_email"), InstructorInput.isPlausibleEmail(clientEmail) else {
            throw refused("\"client_email\" is missing or not an e-mail address")
        }
        guard let clientId = try field("client_id"), clientId.count <= 64,
            clientId.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw refused("\"client_id\" is missing or not the numeric client id")
        }
        try privateKey(try field("private_key"))
        if let universe = try field("universe_domain"), universe != googleUniverse {
            throw refused("\"universe_domain\" is not \(googleUniverse); domain-wide delegation needs it")
        }
        let tokenURI = try field("token_uri") ?? googleTokenURI
        do {
            _ = try EndpointURL.validated(tokenURI, field: "token_uri")
        } catch {
            throw refused("\"token_uri\" must be an https:// URL (plain http:// only for 127.0.0.0/8, ::1 and localhost)")
        }
        let keyId = try field("private_key_id")
        guard keyId.map({ $0.count <= 256 }) ?? true else { throw refused("\"private_key_id\" is too long") }
        return (
            Secret(text),
            ServiceAccountIdentity(clientEmail: clientEmail, clientId: clientId, privateKeyId: keyId, tokenURI: tokenURI)
        )
    }

    /// The PEM's shape (the adapter reads the key itself): a PKCS#8 or RSA private key with real line breaks.
    static func privateKey(_ pem: String?) throws {
        guard let pem else { throw refused("\"private_key\" is missing") }
        if pem.contains("\\n") {
            throw refused("\"private_key\" holds the characters \\n instead of line breaks (paste the file as it is)")
        }
        let kinds = ["PRIVATE KEY", "RSA PRIVATE KEY"]
        guard kinds.contains(where: { pem.contains("-----BEGIN \($0)-----") && pem.contains("-----END \($0)-----") })
        else {
            throw refused("\"private_key\" is not a PEM private key (-----BEGIN PRIVATE KEY-----)")
        }
    }

    /// 422 on `serviceAccountKey`, saying why (never quoting the key).
    static func refused(_ reason: String) -> APIError {
        APIError.invalid("serviceAccountKey", "`serviceAccountKey` is not a usable service-account key file: \(reason).")
    }
}
