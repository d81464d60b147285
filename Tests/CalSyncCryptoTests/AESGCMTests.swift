import Testing

@testable import CalSyncCrypto

@Suite struct AESGCMTests {
    /// "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, test cases 13, 14 and 16 (AES-256, 96-bit IV),
    /// the vectors NIST's GCM validation lists for AES-256.
    @Test func knownAnswers() throws {
        let zeroKey = [UInt8](repeating: 0, count: 32)
        let zeroNonce = [UInt8](repeating: 0, count: 12)
        let empty = try AESGCM.seal([], key: zeroKey, nonce: zeroNonce, associatedData: [])
        #expect(empty.ciphertext.isEmpty)
        #expect(TestKey.hexString(empty.tag) == "530f8afbc74536b9a963b4f1c4cb738b")

        let zeros = try AESGCM.seal([UInt8](repeating: 0, count: 16), key: zeroKey, nonce: zeroNonce, associatedData: [])
        #expect(TestKey.hexString(zeros.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18")
        #expect(TestKey.hexString(zeros.tag) == "d0d1c8a799996bf0265b98b5d48ab919")

        let key = TestKey.hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
        let nonce = TestKey.hex("cafebabefacedbaddecaf888")
        let plaintext = TestKey.hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
        )
        let associatedData = TestKey.hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
        #expect(
            TestKey.hexString(sealed.ciphertext)
                == "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        )
        #expect(TestKey.hexString(sealed.tag) == "76fc6ece0f4e1768cddf8853bb2d551b")
        let opened = try AESGCM.open(nonce + sealed.ciphertext + sealed.tag, key: key, associatedData: associatedData)
        #expect(opened == plaintext)
    }

    @Test func sealThenOpenWithAFreshNonceEachTime() throws {
        let key = try SecureRandom.bytes(32)
        let secret = Array("client secret ~ value".utf8)
        let first = try AESGCM.seal(secret, key: key, associatedData: Array("integration:42".utf8))
        let second = try AESGCM.seal(secret, key: key, associatedData: Array("integration:42".utf8))
        #expect(first.count == 12 + secret.count + 16)
        #expect(first != second)
        #expect(first.prefix(12) != second.prefix(12))
        #expect(try AESGCM.open(first, key: key, associatedData: Array("integration:42".utf8)) == secret)
        #expect(try AESGCM.open(try AESGCM.seal([], key: key), key: key).isEmpty)
    }

    @Test func anyChangeFailsAuthentication() throws {
        let key = try SecureRandom.bytes(32)
        let aad = Array("integration:42".utf8)
        let box = try AESGCM.seal(Array("password".utf8), key: key, associatedData: aad)
        func fails(_ box: [UInt8], key: [UInt8], aad: [UInt8]) -> CryptoError? {
            do {
                _ = try AESGCM.open(box, key: key, associatedData: aad)
                return nil
            } catch {
                return error
            }
        }
        for index in [0, 11, 12, box.count - 17, box.count - 1] {
            var altered = box
            altered[index] ^= 0x01
            #expect(fails(altered, key: key, aad: aad)?.reason == "authentication failed")
        }
        #expect(fails(box, key: key, aad: Array("integration:43".utf8))?.reason == "authentication failed")
        #expect(fails(box, key: key, aad: [])?.reason == "authentication failed")
        var otherKey = key
        otherKey[0] ^= 1
        #expect(fails(box, key: otherKey, aad: aad)?.reason == "authentication failed")
        #expect(fails(Array(box.prefix(27)), key: key, aad: aad) != nil)
        #expect(fails(box, key: Array(key.prefix(16)), aad: aad)?.reason == "the key must be 32 bytes")
    }
}
