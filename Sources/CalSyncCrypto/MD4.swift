import CCrypto

/// MD4 (RFC 1320) from OpenSSL. Only for NTLM, whose NT hash is MD4 of the UTF-16LE password: MD4 is broken as a
/// hash and must not be used for anything else.
public enum MD4 {
    /// The 16-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(MD4_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            // OpenSSL 3 keeps the one-shot MD4() outside the provider machinery, so it works without the legacy provider.
            _ = CCrypto.MD4(input.baseAddress, input.count, &output)
        }
        return output
    }
}
