import CalSyncCrypto
import Foundation
import Testing

@Suite struct KeyParsingTests {
    @Test func readsTheFixtureKeyAndNeverShowsIt() throws {
        let pem = try TestKey.privateKeyPEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let key = try PrivateKey(pem: pem)
        #expect("\(key)" == "PrivateKey(RSA, 2048 bits)")
        #expect(String(reflecting: key).contains("MII") == false)
        let publicPEM = try key.publicKeyPEM()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect("\(try PublicKey(pem: publicPEM))" == "PublicKey(RSA, 2048 bits)")
    }

    @Test func refusesWhatIsNotAnUnencryptedRSAKeyOfAtLeast2048Bits() async throws {
        let directory = try TestKey.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func generated(_ name: String, _ arguments: [String]) async throws -> String {
            let path = directory.appendingPathComponent(name).path
            #expect(try await TestKey.openssl(["genpkey"] + arguments + ["-out", path]).status == 0)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let small = try await generated("small.pem", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        let ec = try await generated("ec.pem", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        // Encrypted with a passphrase: must fail at once, never prompt.
        let encrypted = try await generated(
            "encrypted.pem", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc", "-pass", "pass:secret"])
        #expect(encrypted.contains("ENCRYPTED"))
        #expect(throws: CryptoError("private key", reason: "RSA key of 1024 bits; at least 2048 needed")) {
            try PrivateKey(pem: small)
        }
        #expect(throws: CryptoError("private key", reason: "not an RSA key")) { try PrivateKey(pem: ec) }
        let unreadable = CryptoError("private key", reason: "not a readable PEM private key (PKCS#8 or PKCS#1, unencrypted)")
        #expect(throws: unreadable) { try PrivateKey(pem: encrypted) }
        #expect(throws: unreadable) { try PrivateKey(pem: "") }
        #expect(throws: unreadable) { try PrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") }
        // A key pasted with literal backslash-n (a common mistake) is refused, not half-read.
        let mangled = try TestKey.privateKeyPEM().replacingOccurrences(of: "\n", with: "\\n")
        #expect(throws: unreadable) { try PrivateKey(pem: mangled) }
        #expect(throws: CryptoError("public key", reason: "not a readable PEM public key or X.509 certificate")) {
            try PublicKey(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        }
    }
}
