import CCrypto

/// Cryptographically strong random bytes from OpenSSL (`RAND_bytes`).
public enum SecureRandom {
    public static func bytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&bytes, Int32(count)) == 1 else { throw CryptoError.fromQueue("RAND_bytes") }
        return bytes
    }
}
