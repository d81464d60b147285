import CalSyncCrypto
import Testing

@Suite struct MD4Tests {
    /// The test suite of RFC 1320, appendix A.5.
    @Test(arguments: [
        ("", "31d6cfe0d16ae931b73c59d7e0c089c0"),
        ("a", "bde52cb31de33e46245e05fbdbd6fb24"),
        ("abc", "a448017aaf21d8525fc10ae87aa6729d"),
        ("message digest", "d9130a8164549fe818874806e1c7014b"),
        ("abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"),
        (String(repeating: "1234567890", count: 8), "e33b4ddc9c38f2199c3e7b164fcc0536"),
    ])
    func rfc1320Vectors(input: String, expected: String) {
        #expect(Hex.encode(MD4.digest(Array(input.utf8))) == expected)
    }

    /// MS-NLMP §4.2.2.1.2: the NT hash of "Password" (MD4 of its UTF-16LE bytes).
    @Test func ntHashOfTheNLMPExamplePassword() {
        let utf16le = "Password".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Hex.encode(MD4.digest(utf16le)) == "a4f49c406510bdcab6824ee7c30fd852")
    }
}
