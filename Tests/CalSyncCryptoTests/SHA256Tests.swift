import CalSyncCrypto
import Testing

/// FIPS 180-4 examples (NIST's "SHA-256" example values and the CAVP short/long message vectors).
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func nistExamples(message: String, digest: String) throws {
        #expect(TestKey.hexString(try SHA256.digest(Array(message.utf8))) == digest)
    }

    @Test func aMillionAs() throws {
        let digest = try SHA256.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(TestKey.hexString(digest) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func cavpShortMessage() throws {
        // SHA256ShortMsg.rsp, Len = 8 and Len = 64.
        #expect(
            TestKey.hexString(try SHA256.digest([0xd3])) == "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1")
        #expect(
            TestKey.hexString(try SHA256.digest(TestKey.hex("5738c929c4f4ccb6")))
                == "963bb88f27f512777aab6c8b1a02c70ec0ad651d428f870036e1917120fb48bf")
    }
}
