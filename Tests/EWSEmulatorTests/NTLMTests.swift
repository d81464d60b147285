import CalSyncHTTP
import Foundation
import Testing

@testable import EWSEmulator

/// NTLM authenticates a connection (docs/exchange.md, "Logon"): the handshake's three messages on one connection, the
/// NTLMv2 response checked against the account's password, later requests of that connection logged on.
@Suite struct NTLMTests {
    let resolve =
        #"<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>smtp:jane.doe@contoso.example</m:UnresolvedEntry></m:ResolveNames>"#

    /// Runs the handshake on `connection`; returns the answer to the AUTHENTICATE_MESSAGE's request.
    func handshake(
        _ h: EWSHarness, on connection: HTTPConnectionContext, user: String = "svc-calsync", domain: String = "CONTOSO",
        password: String = EWSHarness.password
    ) async throws -> EWSReply {
        let challenge = await h.soap(resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: connection)
        #expect(challenge.status == 401)
        let header = try #require(challenge.response.headers["WWW-Authenticate"])
        let type3 = try NTLMTestClient.authenticate(user: user, domain: domain, password: password, challengeHeader: header)
        return await h.soap(resolve, impersonate: nil, authorization: type3, connection: connection)
    }

    @Test func theNLMPExampleVerifiesWithItsPasswordOnly() {
        // MS-NLMP §4.2.4: user "User", domain "Domain", server challenge 0123456789abcdef, the example's blob.
        func avPair(_ id: UInt8, _ text: String) -> [UInt8] {
            let value = NTLMTestClient.utf16le(text)
            return [id, 0, UInt8(value.count), 0] + value
        }
        let blob: [UInt8] =
            [1, 1, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8) + [UInt8](repeating: 0xaa, count: 8) + [0, 0, 0, 0]
            + avPair(2, "Domain") + avPair(1, "Server") + [0, 0, 0, 0] + [0, 0, 0, 0]
        let proof: [UInt8] = [0x68, 0xcd, 0x0a, 0xb8, 0x51, 0xe5, 0x1c, 0x96, 0xaa, 0xbc, 0x92, 0x7b, 0xeb, 0xef, 0x6a, 0x1c]
        let message = NTLMAuthenticateMessage(
            lmResponse: [], ntResponse: proof + blob, domain: "Domain", user: "User", workstation: "", flags: [.unicode])
        let challenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]
        #expect(NTLMv2Verifier.verify(message, password: "Password", serverChallenge: challenge))
        #expect(!NTLMv2Verifier.verify(message, password: "password", serverChallenge: challenge))
        #expect(!NTLMv2Verifier.verify(message, password: "Password", serverChallenge: [UInt8](repeating: 0, count: 8)))
    }

    @Test func theChallengeIsADomainServersType2() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(
            resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: HTTPConnectionContext())
        #expect(reply.status == 401)
        let header = try #require(reply.response.headers["WWW-Authenticate"])
        let (challenge, info, flags) = try #require(NTLMTestClient.challenge(header))
        #expect(challenge.count == 8)
        #expect(flags & 0x0080_0000 != 0)  // target info
        #expect(flags & 0x0000_0001 != 0)  // Unicode, as asked
        #expect(
            String(decoding: info.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), as: UTF8.self).contains("CONTOSO"))
        let second = await h.soap(
            resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: HTTPConnectionContext())
        #expect(NTLMTestClient.challenge(second.response.headers["WWW-Authenticate"] ?? "")?.serverChallenge != challenge)
    }

    @Test func rightPasswordLogsTheConnectionOn() async throws {
        let h = try EWSHarness()
        let connection = HTTPConnectionContext()
        let reply = try await handshake(h, on: connection)
        #expect(reply.status == 200)
        #expect(reply.codes == ["NoError"])
        // The next request on the same connection needs no Authorization header; on another connection it does.
        #expect(await h.soap(resolve, impersonate: nil, authorization: nil, connection: connection).status == 200)
        #expect(await h.soap(resolve, impersonate: nil, authorization: nil, connection: HTTPConnectionContext()).status == 401)
        #expect(h.emulator.stats().accounts["svc-calsync"]?.failedLogons == 0)
    }

    @Test func theUserPrincipalNameWithAnEmptyDomainLogsOnToo() async throws {
        let h = try EWSHarness()
        let reply = try await handshake(h, on: HTTPConnectionContext(), user: "svc-calsync@contoso.example", domain: "")
        #expect(reply.status == 200)
    }

    @Test func wrongPasswordIs401AndCounted() async throws {
        let h = try EWSHarness()
        let connection = HTTPConnectionContext()
        let reply = try await handshake(h, on: connection, password: "calsync-demo-2026!")
        #expect(reply.status == 401)
        #expect(reply.response.headers.values("WWW-Authenticate").contains("NTLM"))
        #expect(h.emulator.stats().accounts["svc-calsync"]?.failedLogons == 1)
        #expect(await h.soap(resolve, impersonate: nil, authorization: nil, connection: connection).status == 401)
    }

    @Test func anAuthenticateMessageReplayedOnAnotherConnectionFails() async throws {
        let h = try EWSHarness()
        let first = HTTPConnectionContext()
        let challenge = await h.soap(resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: first)
        let type3 = try NTLMTestClient.authenticate(
            user: "svc-calsync", domain: "CONTOSO", password: EWSHarness.password,
            challengeHeader: challenge.response.headers["WWW-Authenticate"]!)
        // Captured and replayed elsewhere, even after that connection started its own handshake: its challenge differs.
        let other = HTTPConnectionContext()
        #expect(await h.soap(resolve, impersonate: nil, authorization: type3, connection: other).status == 401)
        _ = await h.soap(resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: other)
        #expect(await h.soap(resolve, impersonate: nil, authorization: type3, connection: other).status == 401)
        // On its own connection it works once; the challenge is spent after that.
        #expect(await h.soap(resolve, impersonate: nil, authorization: type3, connection: first).status == 200)
        let reused = HTTPConnectionContext()
        #expect(await h.soap(resolve, impersonate: nil, authorization: type3, connection: reused).status == 401)
    }

    @Test func withoutAConnectionTheHandshakeCannotHappen() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(resolve, impersonate: nil, authorization: NTLMTestClient.negotiate, connection: nil)
        #expect(reply.status == 401)
        #expect(reply.response.headers.values("WWW-Authenticate") == ["NTLM", #"Basic realm="ex01.contoso.example""#])
    }

    @Test func aPasswordChangeLogsExistingConnectionsOff() async throws {
        let h = try EWSHarness()
        let connection = HTTPConnectionContext()
        #expect(try await handshake(h, on: connection).status == 200)
        try h.emulator.updateAccount("svc-calsync", password: "Rotated-2027!")
        #expect(await h.soap(resolve, impersonate: nil, authorization: nil, connection: connection).status == 401)
        #expect(try await handshake(h, on: connection, password: "Rotated-2027!").status == 200)
    }
}
