import CalSyncCore
import CalSyncCrypto
import Foundation

/// A Google service account's JSON key file (docs/google.md, "The service-account key file"), read once: the
/// account's e-mail and numeric client id, the key's id, the token endpoint and the RSA private key (held by
/// OpenSSL). Its description shows the client e-mail, client id and key id only: the private key never reaches a
/// log or an error.
public struct GoogleServiceAccountKey: Sendable, CustomStringConvertible {
    /// The only universe where domain-wide delegation works (google-auth refuses others).
    public static let googleUniverse = "googleapis.com"
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    /// `client_email`: the JWT's `iss`.
    public let clientEmail: String
    /// `client_id`: the number the Workspace admin authorises for domain-wide delegation.
    public let clientId: String
    /// `private_key_id`: the JWT header's `kid`.
    public let keyId: String?
    /// `token_uri`: where the JWT grant is posted.
    public let tokenURI: String
    public let projectId: String?
    let privateKey: PrivateKey

    /// Reads a key file's JSON text. Throws `.configuration` naming the field that is missing or wrong, never
    /// quoting the key.
    public init(json: Data) throws(CalendarError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw Self.invalid("it is not a JSON object (paste the whole key file Google made)")
        }
        func text(_ name: String) -> String? {
            (object[name] as? String).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
                $0.isEmpty ? nil : $0
            }
        }
        guard text("type") == "service_account" else {
            throw Self.invalid("\"type\" is not \"service_account\" (is this an OAuth client file?)")
        }
        guard let clientEmail = text("client_email") else { throw Self.invalid("\"client_email\" is missing") }
        guard let clientId = text("client_id"), clientId.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Self.invalid("\"client_id\" is missing or not the numeric client id")
        }
        guard let pem = object["private_key"] as? String, !pem.isEmpty else {
            throw Self.invalid("\"private_key\" is missing")
        }
        if let universe = text("universe_domain"), universe != Self.googleUniverse {
            throw Self.invalid("\"universe_domain\" is \(universe); domain-wide delegation needs \(Self.googleUniverse)")
        }
        let tokenURI = text("token_uri") ?? Self.defaultTokenURI
        guard let url = URL(string: tokenURI), let scheme = url.scheme?.lowercased(), let host = url.host(),
            scheme == "https" || (scheme == "http" && LoopbackHost.contains(host))
        else {
            throw Self.invalid("\"token_uri\" must be an https:// URL (plain http only on this machine)")
        }
        do {
            privateKey = try PrivateKey(pem: pem)
        } catch {
            // A key pasted with literal "\n" sequences lands here (Google would say "Invalid JWT Signature.").
            throw Self.invalid("\"private_key\" is not usable: \(error.reason)")
        }
        self.clientEmail = clientEmail
        self.clientId = clientId
        self.keyId = text("private_key_id")
        self.tokenURI = tokenURI
        self.projectId = text("project_id")
    }

    public var description: String {
        "GoogleServiceAccountKey(\(clientEmail), client id \(clientId), key id \(keyId ?? "none"))"
    }

    private static func invalid(_ reason: String) -> CalendarError {
        CalendarError(
            .configuration, providerCode: "invalid_service_account_key",
            message: "The service-account key file is not usable: \(reason).")
    }
}
