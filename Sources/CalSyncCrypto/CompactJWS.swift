/// A JSON Web Signature in compact serialization (RFC 7515 §7.1):
/// `base64url(header) "." base64url(payload) "." base64url(signature)`. The JWT bearer grant's assertion
/// (RFC 7523) is one, signed RS256. This type only frames and signs bytes; reading the JSON inside is the caller's.
public struct CompactJWS: Sendable, Hashable {
    /// The decoded protected header (JSON text).
    public var header: [UInt8]
    /// The decoded payload (the JWT claims).
    public var payload: [UInt8]
    public var signature: [UInt8]
    /// What the signature covers: the first two parts as sent, with the dot.
    public var signingInput: [UInt8]

    /// Splits a compact JWS; nil unless it has exactly three base64url parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            let header = Base64URL.decode(String(parts[0])), let payload = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2]))
        else { return nil }
        self.header = header
        self.payload = payload
        self.signature = signature
        self.signingInput = Array((parts[0] + "." + parts[1]).utf8)
    }

    /// `header` and `payload` (JSON texts) signed RS256 with `key`, in compact serialization.
    public static func signRS256(header: [UInt8], payload: [UInt8], key: PrivateKey) throws(CryptoError) -> String {
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = try key.signRS256(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Whether the signature is a valid RS256 signature of the signing input under `key`.
    public func verifiesRS256(with key: PublicKey) -> Bool {
        key.verifiesRS256(signature, of: signingInput)
    }
}
