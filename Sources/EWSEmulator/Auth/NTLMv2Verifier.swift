import CalSyncCrypto

/// Checks an NTLMv2 response against a password (MS-NLMP §3.3.2):
/// NT hash = MD4(UTF-16LE(password)); ResponseKeyNT = HMAC-MD5(NT hash, UTF-16LE(uppercase(user) + domain));
/// NTProofStr = HMAC-MD5(ResponseKeyNT, server challenge + blob), the first 16 bytes of the NT response.
/// NTLMv1 responses (24 bytes) are refused, as a server with LmCompatibilityLevel 5 refuses them.
enum NTLMv2Verifier {
    /// Whether `message` proves knowledge of `password` for the user and domain it names, under `serverChallenge`.
    static func verify(_ message: NTLMAuthenticateMessage, password: String, serverChallenge: [UInt8]) -> Bool {
        let response = message.ntResponse
        // NTProofStr (16) + blob header: RespType 1, HiRespType 1, 6 reserved bytes, timestamp, client challenge.
        guard response.count >= 16 + 28, response[16] == 1, response[17] == 1 else { return false }
        let proof = Array(response[0..<16])
        let blob = Array(response[16...])
        guard
            let key = try? HMAC.authenticate(
                NTLMBytes.utf16le(message.user.uppercased() + message.domain), key: ntHash(password), digest: .md5),
            let expected = try? HMAC.authenticate(serverChallenge + blob, key: key, digest: .md5)
        else { return false }
        return constantTimeEqual(proof, expected)
    }

    static func ntHash(_ password: String) -> [UInt8] {
        MD4.digest(NTLMBytes.utf16le(password))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
