import CCrypto

// MARK: - RS256 verification (RFC 7518 §3.3)

extension PublicKey {
    /// Whether `signature` is a valid RS256 signature of `message` under this key. Any failure (wrong length,
    /// other key, altered message) is simply `false`; OpenSSL's error queue is cleared.
    public func verifiesRS256(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        guard let context = try? DigestContext() else { return false }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context.pointer, &keyContext, EVP_sha256(), nil, pointer) == 1,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else {
            ERR_clear_error()
            return false
        }
        let result = EVP_DigestVerify(context.pointer, signature, signature.count, message, message.count)
        if result != 1 { ERR_clear_error() }
        return result == 1
    }
}
