import CCrypto

/// AES-256-GCM (NIST SP 800-38D) from OpenSSL, for credentials at rest. A sealed box is
/// `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`; each seal draws a fresh random 96-bit nonce, and the
/// associated data (not stored in the box) must be given again to open it.
public enum AESGCM {
    public static let keySize = 32
    public static let nonceSize = 12
    public static let tagSize = 16

    /// Encrypts and authenticates `plaintext` (and `associatedData`) under a 32-byte key.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let nonce: [UInt8]
        do {
            nonce = try SecureRandom.bytes(nonceSize)
        } catch {
            throw error as? CryptoError ?? CryptoError("AES-256-GCM seal", reason: "no random nonce")
        }
        let (ciphertext, tag) = try seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
        return nonce + ciphertext + tag
    }

    /// The plaintext of a sealed box; fails (saying only "authentication failed") when the key, the associated
    /// data or any byte of the box is not the one it was sealed with.
    public static func open(_ box: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard box.count >= nonceSize + tagSize else {
            throw CryptoError("AES-256-GCM open", reason: "a sealed box has at least \(nonceSize + tagSize) bytes")
        }
        let nonce = Array(box[..<nonceSize])
        let ciphertext = Array(box[nonceSize..<(box.count - tagSize)])
        let tag = Array(box[(box.count - tagSize)...])
        return try open(ciphertext, tag: tag, key: key, nonce: nonce, associatedData: associatedData)
    }

    // MARK: - With an explicit nonce (known-answer tests only: a nonce must never be used twice with a key)

    static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8]) throws(CryptoError)
        -> (ciphertext: [UInt8], tag: [UInt8])
    {
        let context = try start(encrypting: true, key: key, nonce: nonce, associatedData: associatedData)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var length: Int32 = 0
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(context.pointer, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1 else {
                throw CryptoError.fromQueue("AES-256-GCM seal")
            }
        }
        var final: Int32 = 0
        var tail = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptFinal_ex(context.pointer, &tail, &final) == 1 else { throw CryptoError.fromQueue("AES-256-GCM seal") }
        var tag = [UInt8](repeating: 0, count: tagSize)
        guard EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), &tag) == 1 else {
            throw CryptoError.fromQueue("AES-256-GCM seal")
        }
        return (Array(ciphertext.prefix(Int(length))) + tail.prefix(Int(final)), tag)
    }

    static func open(_ ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8])
        throws(CryptoError) -> [UInt8]
    {
        let context = try start(encrypting: false, key: key, nonce: nonce, associatedData: associatedData)
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        if !ciphertext.isEmpty {
            guard EVP_DecryptUpdate(context.pointer, &plaintext, &length, ciphertext, Int32(ciphertext.count)) == 1 else {
                throw CryptoError.fromQueue("AES-256-GCM open")
            }
        }
        var expected = tag
        guard EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), &expected) == 1 else {
            throw CryptoError.fromQueue("AES-256-GCM open")
        }
        var final: Int32 = 0
        var tail = [UInt8](repeating: 0, count: 16)
        guard EVP_DecryptFinal_ex(context.pointer, &tail, &final) == 1 else {
            // Wipe what was decrypted before the tag check failed; the caller learns only that it failed.
            plaintext.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            ERR_clear_error()
            throw CryptoError("AES-256-GCM open", reason: "authentication failed")
        }
        return Array(plaintext.prefix(Int(length))) + tail.prefix(Int(final))
    }

    /// A context set up with the cipher, the 96-bit nonce, the key and the associated data.
    private static func start(encrypting: Bool, key: [UInt8], nonce: [UInt8], associatedData: [UInt8])
        throws(CryptoError) -> CipherContext
    {
        let operation = encrypting ? "AES-256-GCM seal" : "AES-256-GCM open"
        guard key.count == keySize else { throw CryptoError(operation, reason: "the key must be \(keySize) bytes") }
        guard nonce.count == nonceSize else {
            throw CryptoError(operation, reason: "the nonce must be \(nonceSize) bytes")
        }
        let context = try CipherContext()
        let initialize = encrypting ? EVP_EncryptInit_ex : EVP_DecryptInit_ex
        guard initialize(context.pointer, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceSize), nil) == 1,
            initialize(context.pointer, nil, nil, key, nonce) == 1
        else { throw CryptoError.fromQueue(operation) }
        if !associatedData.isEmpty {
            var ignored: Int32 = 0
            let update = encrypting ? EVP_EncryptUpdate : EVP_DecryptUpdate
            // A NULL output buffer makes the update feed associated data.
            guard update(context.pointer, nil, &ignored, associatedData, Int32(associatedData.count)) == 1 else {
                throw CryptoError.fromQueue(operation)
            }
        }
        return context
    }

}
