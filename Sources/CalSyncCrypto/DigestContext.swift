import CCrypto

/// An OpenSSL `EVP_MD_CTX` (one digest, signature or verification in progress), freed on deinit.
final class DigestContext {
    let pointer: OpaquePointer

    init() throws(CryptoError) {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.fromQueue("EVP_MD_CTX_new") }
        pointer = context
    }

    deinit { EVP_MD_CTX_free(pointer) }
}
