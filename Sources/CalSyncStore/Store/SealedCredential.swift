import Foundation

/// A credential as `CredentialSealer` stores it: `v1:KEYID:BASE64(nonce ‖ ciphertext ‖ tag)`.
public struct SealedCredential: Sendable, Hashable {
    /// The version prefix; a stored value without it is clear text.
    static let prefix = "v1:"

    /// The id of the key it was sealed under (16 lowercase hex digits).
    public var keyId: String
    /// `nonce ‖ ciphertext ‖ tag`, as `AESGCM.seal` makes it.
    public var box: [UInt8]

    public init(keyId: String, box: [UInt8]) {
        self.keyId = keyId
        self.box = box
    }

    /// The sealed credential a stored value is, or nil when it is clear text: only a value of the exact shape counts
    /// (a clear password that merely starts with "v1:" stays a password).
    public init?(parsing stored: String) {
        guard stored.hasPrefix(Self.prefix) else { return nil }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 16,
            parts[0].utf8.allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }),
            let box = Data(base64Encoded: String(parts[1])), box.count >= 28
        else { return nil }
        self.keyId = String(parts[0])
        self.box = Array(box)
    }

    /// The stored text.
    public var text: String { Self.prefix + keyId + ":" + Data(box).base64EncodedString() }
}
