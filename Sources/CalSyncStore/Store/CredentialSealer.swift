import CalSyncCrypto
import Foundation

/// Credentials at rest: AES-256-GCM (OpenSSL's) under the key of `CALSYNC_SECRET_KEY_FILE`.
///
/// A sealed value is `v1:KEYID:BASE64(nonce ‖ ciphertext ‖ tag)` (`SealedCredential`): a fresh random 96-bit nonce
/// per write, and associated data naming the value's place (`integrations.secret:` and the integration's id), so a
/// value pasted into another row does not open. KEYID (the first 8 bytes of the key's SHA-256, in hex) names the key
/// a value needs, so a wrong key is named as such. A stored value without the prefix is clear text: a database
/// written before a key was configured, or without one.
public struct CredentialSealer: Sendable {
    /// Names the key without revealing it: the first 8 bytes of its SHA-256, in hex.
    public let keyId: String
    private let key: [UInt8]

    /// A sealer with a 32-byte key.
    public init(key: [UInt8]) throws(CredentialKeyError) {
        guard key.count == AESGCM.keySize else {
            throw CredentialKeyError("a key has \(AESGCM.keySize) bytes, not \(key.count)")
        }
        do {
            self.keyId = try SHA256.digest(key).prefix(8).map { String(format: "%02x", $0) }.joined()
        } catch {
            throw CredentialKeyError("cannot name the key: \(error)")
        }
        self.key = key
    }

    /// A sealer with a new random key (the demo's throw-away key, `calsync secret-key new`).
    public static func random() throws -> (sealer: CredentialSealer, key: [UInt8]) {
        let key = try SecureRandom.bytes(AESGCM.keySize)
        return (try CredentialSealer(key: key), key)
    }

    /// `value` sealed for `place` (e.g. "integrations.secret:contoso").
    public func seal(_ value: String, place: String) throws -> String {
        let box = try AESGCM.seal(Array(value.utf8), key: key, associatedData: Array(place.utf8))
        return SealedCredential(keyId: keyId, box: box).text
    }

    /// The value of a sealed credential, or nil when it was sealed under another key, for another place, or
    /// altered (the reason is never more precise than that: GCM only says "does not open").
    public func open(_ sealed: SealedCredential, place: String) -> String? {
        guard sealed.keyId == keyId,
            let plaintext = try? AESGCM.open(sealed.box, key: key, associatedData: Array(place.utf8))
        else { return nil }
        return String(validating: plaintext, as: UTF8.self)
    }
}
