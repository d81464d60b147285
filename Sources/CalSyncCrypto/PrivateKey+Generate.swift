import CCrypto

extension PrivateKey {
    /// A new RSA key made by OpenSSL (for throw-away keys: the demo's service account). Its text is
    /// `pkcs8PEM()`.
    public static func generateRSA(bits: Int = minimumBits) throws(CryptoError) -> PrivateKey {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw CryptoError.fromQueue("EVP_PKEY_CTX_new_id") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(max(bits, minimumBits))) == 1
        else { throw CryptoError.fromQueue("EVP_PKEY_keygen_init") }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else { throw CryptoError.fromQueue("EVP_PKEY_keygen") }
        return PrivateKey(owning: key)
    }

    /// The key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`), the form of Google's key files. Key material: never
    /// log it.
    public func pkcs8PEM() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw CryptoError.fromQueue("PEM_write_bio_PrivateKey")
        }
        return bio.readAll()
    }
}
