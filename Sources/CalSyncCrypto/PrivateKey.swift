import CCrypto

/// An RSA private key held by OpenSSL (an `EVP_PKEY`), read from PEM: PKCS#8 (`BEGIN PRIVATE KEY`, the form of
/// Google's service-account key files) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). Freed on deinit. Its description
/// names the algorithm and size only: key material never reaches a log or an error.
public final class PrivateKey: @unchecked Sendable, CustomStringConvertible {
    // @unchecked Sendable: the EVP_PKEY is never changed after init; OpenSSL 3 allows concurrent signing with one
    // key, each signature using its own EVP_MD_CTX.
    let pointer: OpaquePointer

    /// The smallest RSA modulus accepted (Google issues 2048-bit keys).
    public static let minimumBits = 2048

    /// Reads the first private key in `pem`. Encrypted PEM is refused (no passphrase prompt), as are keys that are
    /// not RSA or shorter than `minimumBits`.
    public init(pem: String) throws(CryptoError) {
        let bio = try MemoryBIO(reading: Array(pem.utf8))
        // A callback that supplies no passphrase: without one OpenSSL would prompt on the terminal.
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, { _, _, _, _ in 0 }, nil) else {
            ERR_clear_error()
            throw CryptoError("private key", reason: "not a readable PEM private key (PKCS#8 or PKCS#1, unencrypted)")
        }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            EVP_PKEY_free(key)
            throw CryptoError("private key", reason: "not an RSA key")
        }
        guard EVP_PKEY_get_bits(key) >= Self.minimumBits else {
            let bits = EVP_PKEY_get_bits(key)
            EVP_PKEY_free(key)
            throw CryptoError("private key", reason: "RSA key of \(bits) bits; at least \(Self.minimumBits) needed")
        }
        pointer = key
    }

    /// Takes ownership of a key OpenSSL made.
    init(owning key: OpaquePointer) {
        pointer = key
    }

    deinit { EVP_PKEY_free(pointer) }

    /// The modulus size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// The public half, as `BEGIN PUBLIC KEY` PEM (SubjectPublicKeyInfo).
    public func publicKeyPEM() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PUBKEY(bio.pointer, pointer) == 1 else { throw CryptoError.fromQueue("PEM_write_bio_PUBKEY") }
        return bio.readAll()
    }

    /// The public half.
    public func publicKey() throws(CryptoError) -> PublicKey {
        try PublicKey(pem: publicKeyPEM())
    }

    public var description: String { "PrivateKey(RSA, \(bits) bits)" }
}
