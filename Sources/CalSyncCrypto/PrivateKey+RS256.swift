import CCrypto

// MARK: - RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3, RFC 8017 §8.2)

extension PrivateKey {
    /// The RS256 signature of `message` (as long as the modulus: 256 bytes for 2048 bits). PKCS#1 v1.5 is
    /// deterministic: the same key and message always give the same bytes.
    public func signRS256(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        let context = try DigestContext()
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context.pointer, &keyContext, EVP_sha256(), nil, pointer) == 1,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else { throw CryptoError.fromQueue("RS256 sign") }
        var length = 0
        // First call: the signature's size; second: the signature.
        guard EVP_DigestSign(context.pointer, nil, &length, message, message.count) == 1 else {
            throw CryptoError.fromQueue("RS256 sign")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context.pointer, &signature, &length, message, message.count) == 1 else {
            throw CryptoError.fromQueue("RS256 sign")
        }
        return Array(signature.prefix(length))
    }
}
