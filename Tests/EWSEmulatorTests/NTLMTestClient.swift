import CalSyncCrypto
import Foundation

/// The client side of NTLM (MS-NLMP §3.1.5), written from the specification for the tests: a NEGOTIATE_MESSAGE,
/// then an AUTHENTICATE_MESSAGE with an NTLMv2 response to the server's CHALLENGE_MESSAGE.
enum NTLMTestClient {
    static func utf16le(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16) }

    /// Type 1, Unicode, NTLM, extended session security, always sign.
    static var negotiate: String {
        let bytes = Array("NTLMSSP".utf8) + [0] + le32(1) + le32(0x0008_8207) + [UInt8](repeating: 0, count: 16)
        return "NTLM " + Data(bytes).base64EncodedString()
    }

    /// The server challenge and target info of a `WWW-Authenticate: NTLM <type 2>` value.
    static func challenge(_ header: String) -> (serverChallenge: [UInt8], targetInfo: [UInt8], flags: UInt32)? {
        guard header.hasPrefix("NTLM "), let data = Data(base64Encoded: String(header.dropFirst(5))) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count >= 48, Array(bytes[0..<8]) == Array("NTLMSSP".utf8) + [0], bytes[8] == 2 else { return nil }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let infoLength = u16(40)
        let infoOffset = u32(44)
        guard infoOffset + infoLength <= bytes.count else { return nil }
        return (Array(bytes[24..<32]), Array(bytes[infoOffset..<infoOffset + infoLength]), UInt32(u32(20)))
    }

    /// Type 3 with an NTLMv2 response for `user`/`domain`/`password` to the server's challenge.
    static func authenticate(user: String, domain: String, password: String, challengeHeader: String) throws -> String {
        guard let (serverChallenge, targetInfo, _) = challenge(challengeHeader) else { throw NTLMTestError() }
        let ntHash = MD4.digest(utf16le(password))
        let responseKey = try HMAC.authenticate(utf16le(user.uppercased() + domain), key: ntHash, digest: .md5)
        let clientChallenge: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let time = [UInt8](repeating: 0, count: 8)
        let blob: [UInt8] = [1, 1, 0, 0, 0, 0, 0, 0] + time + clientChallenge + [0, 0, 0, 0] + targetInfo + [0, 0, 0, 0]
        let proof = try HMAC.authenticate(serverChallenge + blob, key: responseKey, digest: .md5)
        let nt = proof + blob
        let lm = [UInt8](repeating: 0, count: 24)
        let domainBytes = utf16le(domain)
        let userBytes = utf16le(user)
        let workstation = utf16le("WS01")
        var payload: [UInt8] = []
        var fields: [UInt8] = []
        let headerSize = 64
        for part in [lm, nt, domainBytes, userBytes, workstation, []] {
            fields += le16(part.count) + le16(part.count) + le32(headerSize + payload.count)
            payload += part
        }
        let bytes = Array("NTLMSSP".utf8) + [0] + le32(3) + fields + le32(0x0008_8205) + payload
        return "NTLM " + Data(bytes).base64EncodedString()
    }

    struct NTLMTestError: Error {}
}
