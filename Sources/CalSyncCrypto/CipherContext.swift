import CCrypto

/// An OpenSSL `EVP_CIPHER_CTX` (one encryption or decryption in progress), freed (and wiped by OpenSSL) on deinit.
final class CipherContext {
    let pointer: OpaquePointer

    init() throws(CryptoError) {
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.fromQueue("EVP_CIPHER_CTX_new") }
        pointer = context
    }

    deinit { EVP_CIPHER_CTX_free(pointer) }
}
