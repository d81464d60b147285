import CCrypto

/// HMAC (RFC 2104) from OpenSSL, over the digests CalSync needs: MD5 for NTLMv2, SHA-256 elsewhere.
public enum HMAC {
    public enum Digest: Sendable, Hashable {
        case md5
        case sha256

        var size: Int {
            switch self {
            case .md5: return 16
            case .sha256: return 32
            }
        }
    }

    /// The authentication code of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8], digest: Digest) throws(CryptoError) -> [UInt8] {
        let md: OpaquePointer? =
            switch digest {
            case .md5: EVP_md5()
            case .sha256: EVP_sha256()
            }
        var output = [UInt8](repeating: 0, count: digest.size)
        var length: UInt32 = 0
        // A zero-length key still needs a valid pointer: OpenSSL reads a NULL key as "reuse the previous one".
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                CCrypto.HMAC(
                    md, keyBuffer.baseAddress, Int32(key.count), messageBuffer.baseAddress, messageBuffer.count, &output,
                    &length)
            }
        }
        guard result != nil, Int(length) == digest.size else { throw CryptoError.fromQueue("HMAC") }
        return output
    }
}
