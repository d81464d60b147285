import CalSyncCrypto
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10 vectors, without padding.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheURLSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        // RFC 7515 appendix A.1's header, as the JWS example encodes it.
        #expect(
            Base64URL.encode(Array("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".utf8)) == "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        )
    }

    @Test func refusesOtherAlphabetsPaddingAndImpossibleLengths() {
        #expect(Base64URL.decode("+/+/") == nil)
        #expect(Base64URL.decode("Zg==") == nil)
        #expect(Base64URL.decode("Zm9vY") == nil)
        #expect(Base64URL.decode("Zm 9v") == nil)
    }
}
