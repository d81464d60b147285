import CCrypto

/// An RSA public key held by OpenSSL (an `EVP_PKEY`), freed on deinit. Read from `BEGIN PUBLIC KEY` PEM
/// (SubjectPublicKeyInfo) or from an X.509 certificate (`BEGIN CERTIFICATE`, the form Google publishes a service
/// account's keys in).
public final class PublicKey: @unchecked Sendable, CustomStringConvertible {
    // @unchecked Sendable: the EVP_PKEY is never changed after init; verifications use their own EVP_MD_CTX.
    let pointer: OpaquePointer

    public init(pem: String) throws(CryptoError) {
        let bio = try MemoryBIO(reading: Array(pem.utf8))
        let key: OpaquePointer?
        if pem.contains("-----BEGIN CERTIFICATE-----") {
            if let certificate = PEM_read_bio_X509(bio.pointer, nil, { _, _, _, _ in 0 }, nil) {
                key = X509_get_pubkey(certificate)  // a new reference, independent of the certificate
                X509_free(certificate)
            } else {
                key = nil
            }
        } else {
            key = PEM_read_bio_PUBKEY(bio.pointer, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key else {
            ERR_clear_error()
            throw CryptoError("public key", reason: "not a readable PEM public key or X.509 certificate")
        }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            EVP_PKEY_free(key)
            throw CryptoError("public key", reason: "not an RSA key")
        }
        pointer = key
    }

    deinit { EVP_PKEY_free(pointer) }

    /// The modulus size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// The key as `BEGIN PUBLIC KEY` PEM (also for a key read from a certificate).
    public func pem() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PUBKEY(bio.pointer, pointer) == 1 else { throw CryptoError.fromQueue("PEM_write_bio_PUBKEY") }
        return bio.readAll()
    }

    public var description: String { "PublicKey(RSA, \(bits) bits)" }
}
