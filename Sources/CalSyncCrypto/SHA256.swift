import CCrypto

/// SHA-256 (FIPS 180-4) from OpenSSL.
public enum SHA256 {
    public static let digestSize = 32

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digestSize)
        var length: UInt32 = 0
        let result = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, EVP_sha256(), nil)
        }
        guard result == 1, Int(length) == digestSize else { throw CryptoError.fromQueue("SHA-256") }
        return output
    }
}
