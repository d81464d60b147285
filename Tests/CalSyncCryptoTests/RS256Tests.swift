import CalSyncCrypto
import Foundation
import Testing

@Suite struct RS256Tests {
    static let message = Array("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjYWxzeW5jLXRlc3QifQ".utf8)
    /// `openssl dgst -sha256 -sign key.pem` over `message` with the fixture key, base64url.
    static let expected =
        "qcAK1thbhbNDZ5RQlP9tu3btFw-mzZ2EMxcp_8Co6IOh3Up7dLErlWJwZV0WGOEdPZBl4qgBh-2hfmC-NMC-5WiIQp63p_8soN6ILUgRZKlkV6_Lab"
        + "HtG_eXNLizqiMaG9wYsLw3y7fFrL4ezqHs3e5ekiU4W9g06yTxPUHj9HhUbgNWPPK1Efa-6dHEciZcyrx1GUDO1IQg2fwvXQPIlWB2HEMkI5_5gn0Ws"
        + "H5y7uN06iDcWd0PmqmAyGFZAZ9cF1BqPRvsKF40o0ZHse9MLFAJvB32Ugr8IcQzw6wx_jBpZ6Lk9qhf2GX3A8pOZqbTgCF6bqlAoH0BGKNWCYZtFQ"

    @Test func signatureIsTheKnownAnswer() throws {
        let key = try TestKey.privateKey()
        #expect(key.bits == 2048)
        let signature = try key.signRS256(Self.message)
        #expect(signature.count == 256)
        #expect(Base64URL.encode(signature) == Self.expected)
        // PKCS#1 v1.5 is deterministic.
        #expect(try key.signRS256(Self.message) == signature)
    }

    @Test func theKeysPublicHalfVerifiesAndRefusesAlterations() throws {
        let key = try TestKey.privateKey()
        let publicKey = try key.publicKey()
        let signature = try key.signRS256(Self.message)
        #expect(publicKey.verifiesRS256(signature, of: Self.message))
        var altered = Self.message
        altered[0] ^= 1
        #expect(!publicKey.verifiesRS256(signature, of: altered))
        var flipped = signature
        flipped[100] ^= 0x80
        #expect(!publicKey.verifiesRS256(flipped, of: Self.message))
        #expect(!publicKey.verifiesRS256(Array(signature.dropLast()), of: Self.message))
        #expect(!publicKey.verifiesRS256([], of: Self.message))
    }

    @Test func anotherKeyDoesNotVerify() async throws {
        let directory = try TestKey.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("other.pem").path
        #expect(
            try await TestKey.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", other]).status
                == 0)
        let otherKey = try PrivateKey(pem: String(contentsOfFile: other, encoding: .utf8))
        let signature = try TestKey.privateKey().signRS256(Self.message)
        #expect(!(try otherKey.publicKey().verifiesRS256(signature, of: Self.message)))
    }

    @Test func opensslVerifiesOurSignatureAndWeVerifyOpensslsCertificateKey() async throws {
        let directory = try TestKey.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try TestKey.privateKey()
        let files = (
            message: directory.appendingPathComponent("message"), signature: directory.appendingPathComponent("signature"),
            publicKey: directory.appendingPathComponent("public.pem"), privateKey: directory.appendingPathComponent("key.pem"),
            certificate: directory.appendingPathComponent("cert.pem")
        )
        try Data(Self.message).write(to: files.message)
        try Data(try key.signRS256(Self.message)).write(to: files.signature)
        try key.publicKeyPEM().write(to: files.publicKey, atomically: true, encoding: .utf8)
        let verified = try await TestKey.openssl([
            "dgst", "-sha256", "-verify", files.publicKey.path, "-signature", files.signature.path, files.message.path,
        ])
        #expect(verified.status == 0)
        #expect(verified.output.contains("Verified OK"))

        // Google publishes a service account's keys as X.509 certificates: the same key read from one verifies too.
        try TestKey.privateKeyPEM().write(to: files.privateKey, atomically: true, encoding: .utf8)
        let made = try await TestKey.openssl([
            "req", "-new", "-x509", "-key", files.privateKey.path, "-subj", "/CN=calsync-test", "-days", "1", "-out",
            files.certificate.path,
        ])
        #expect(made.status == 0)
        let fromCertificate = try PublicKey(pem: String(contentsOf: files.certificate, encoding: .utf8))
        #expect(fromCertificate.verifiesRS256(try key.signRS256(Self.message), of: Self.message))
        #expect(try fromCertificate.pem() == key.publicKeyPEM())
    }
}
