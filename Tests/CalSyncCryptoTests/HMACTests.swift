import CalSyncCrypto
import Testing

@Suite struct HMACTests {
    /// RFC 2202 §2 (HMAC-MD5), test cases 1, 2, 3 and 6.
    @Test func rfc2202MD5Vectors() throws {
        let cases: [([UInt8], [UInt8], String)] = [
            (Array(repeating: 0x0b, count: 16), Array("Hi There".utf8), "9294727a3638bb1c13f48ef8158bfc9d"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "750c783e6ab0b503eaa86e310a5db738"),
            (Array(repeating: 0xaa, count: 16), Array(repeating: 0xdd, count: 50), "56be34521d144c88dbb8c733f0e8b3f6"),
            (
                Array(repeating: 0xaa, count: 80), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"
            ),
        ]
        for (key, message, expected) in cases {
            #expect(Hex.encode(try HMAC.authenticate(message, key: key, digest: .md5)) == expected)
        }
    }

    /// RFC 4231 §4 (HMAC-SHA-256), test cases 1, 2 and 6.
    @Test func rfc4231SHA256Vectors() throws {
        let cases: [([UInt8], [UInt8], String)] = [
            (
                Array(repeating: 0x0b, count: 20), Array("Hi There".utf8),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                Array(repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
        ]
        for (key, message, expected) in cases {
            #expect(Hex.encode(try HMAC.authenticate(message, key: key, digest: .sha256)) == expected)
        }
    }

    /// MS-NLMP §4.2.4: NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(uppercase(user) + domain)), then the
    /// NTProofStr over the server challenge and the client's blob (time 0, client challenge 0xaa…, the example's AV pairs).
    @Test func ntlmV2ExampleOfMSNLMP() throws {
        func utf16le(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        func avPair(_ id: UInt16, _ text: String) -> [UInt8] {
            let value = utf16le(text)
            return [UInt8(id & 0xFF), UInt8(id >> 8), UInt8(value.count & 0xFF), UInt8(value.count >> 8)] + value
        }
        let ntHash = MD4.digest(utf16le("Password"))
        let responseKey = try HMAC.authenticate(utf16le("USER" + "Domain"), key: ntHash, digest: .md5)
        #expect(Hex.encode(responseKey) == "0c868a403bfd7a93a3001ef22ef02e3f")
        let serverChallenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]
        let targetInfo = avPair(2, "Domain") + avPair(1, "Server") + [0, 0, 0, 0]
        let blob: [UInt8] =
            [1, 1, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8) + [UInt8](repeating: 0xaa, count: 8) + [0, 0, 0, 0]
            + targetInfo + [0, 0, 0, 0]
        let proof = try HMAC.authenticate(serverChallenge + blob, key: responseKey, digest: .md5)
        #expect(Hex.encode(proof) == "68cd0ab851e51c96aabc927bebef6a1c")
    }
}
