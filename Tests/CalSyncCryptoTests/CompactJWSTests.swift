import CalSyncCrypto
import Foundation
import Testing

@Suite struct CompactJWSTests {
    static let header = Array(#"{"alg":"RS256","typ":"JWT","kid":"61cbd001c702cc3432d8a214a56560d256ee2738"}"#.utf8)
    static let claims = Array(
        #"{"iss":"calsync-sync@fabrikam-emulator.iam.gserviceaccount.com","sub":"ada@fabrikam.example","scope":"https://www.googleapis.com/auth/calendar","aud":"https://oauth2.googleapis.com/token","iat":1796655411,"exp":1796659011}"#
            .utf8)

    @Test func signsParsesAndVerifies() throws {
        let key = try TestKey.privateKey()
        let token = try CompactJWS.signRS256(header: Self.header, payload: Self.claims, key: key)
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        #expect(!token.contains("="))
        let jws = try #require(CompactJWS(token))
        #expect(jws.header == Self.header)
        #expect(jws.payload == Self.claims)
        #expect(jws.signature.count == 256)
        #expect(jws.verifiesRS256(with: try key.publicKey()))
        // The same claims with one character changed no longer verify.
        var forged = jws
        forged.signingInput = Array((parts[0] + "." + Base64URL.encode(Array(Self.claims.dropLast()) + Array(",}".utf8))).utf8)
        #expect(!forged.verifiesRS256(with: try key.publicKey()))
    }

    /// A JWT signed by CalSyncCrypto verifies with `openssl dgst -sha256 -verify` over its first two parts.
    @Test func opensslVerifiesTheJWT() async throws {
        let directory = try TestKey.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try TestKey.privateKey()
        let token = try CompactJWS.signRS256(header: Self.header, payload: Self.claims, key: key)
        let parts = token.split(separator: ".").map(String.init)
        let input = directory.appendingPathComponent("input")
        let signature = directory.appendingPathComponent("signature")
        let publicKey = directory.appendingPathComponent("public.pem")
        try Data((parts[0] + "." + parts[1]).utf8).write(to: input)
        try Data(try #require(Base64URL.decode(parts[2]))).write(to: signature)
        try key.publicKeyPEM().write(to: publicKey, atomically: true, encoding: .utf8)
        let result = try await TestKey.openssl([
            "dgst", "-sha256", "-verify", publicKey.path, "-signature", signature.path, input.path,
        ])
        #expect(result.status == 0)
        #expect(result.output.contains("Verified OK"))
    }

    @Test func refusesMalformedCompactForms() {
        #expect(CompactJWS("a.b") == nil)
        #expect(CompactJWS("a.b.c.d") == nil)
        #expect(CompactJWS(".eyJ9.") == nil)
        #expect(CompactJWS("eyJ9.eyJ9.+++") == nil)
        #expect(CompactJWS("eyJ9.eyJ9.") != nil)  // an empty signature parses (and verifies nothing)
    }
}
