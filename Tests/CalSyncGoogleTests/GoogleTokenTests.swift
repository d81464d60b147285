import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

/// The JWT grant per person against the emulator's token endpoint, which verifies the RS256 signature with the
/// account's public key and the tenant's delegation grants.
@Suite struct GoogleTokenTests {
    @Test func oneGrantPerPersonIsCachedUntilShortlyBeforeItsEnd() async throws {
        let h = try GoogleAdapterHarness()
        #expect(try await h.provider.timeZone(of: GoogleAdapterHarness.ada) == "Europe/Zurich")
        #expect(try await h.provider.timeZone(of: GoogleAdapterHarness.ada) == "Europe/Zurich")
        #expect(try await h.provider.timeZone(of: GoogleAdapterHarness.linus) == "Asia/Tokyo")
        var stats = h.emulator.stats()
        #expect(stats.person(GoogleAdapterHarness.ada).tokensIssued == 1)
        #expect(stats.person(GoogleAdapterHarness.linus).tokensIssued == 1)
        #expect(stats.tokenRequestsRefused == 0)
        #expect(await h.provider.client.tokens.grantCount == 2)

        h.clock.advance(3000)  // 599 s left of 3599: still fresh
        _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada)
        h.clock.advance(400)  // 199 s left: refreshed early
        _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada)
        stats = h.emulator.stats()
        #expect(stats.person(GoogleAdapterHarness.ada).tokensIssued == 2)
        #expect(stats.count(route: "GET /calendar/v3/calendars/{calendarId}", status: 200) == 5)
    }

    @Test func concurrentCallsForOnePersonShareOneGrant() async throws {
        let h = try GoogleAdapterHarness()
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await h.provider.timeZone(of: GoogleAdapterHarness.grace) } }
            for try await zone in group { #expect(zone == "America/New_York") }
        }
        #expect(h.emulator.stats().person(GoogleAdapterHarness.grace).tokensIssued == 1)
    }

    @Test func aRevokedTokenIsReplacedOnceAfterA401() async throws {
        let h = try GoogleAdapterHarness()
        _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada)
        h.emulator.expireAccessTokens()
        #expect(try await h.provider.timeZone(of: GoogleAdapterHarness.ada) == "Europe/Zurich")
        #expect(h.emulator.stats().person(GoogleAdapterHarness.ada).tokensIssued == 2)
    }

    @Test func missingDelegationNamesTheClientIdAndTheScopesToAuthorise() async throws {
        let h = try GoogleAdapterHarness()
        h.emulator.revokeDelegation(clientId: GoogleAdapterHarness.clientId)
        let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(error.kind == .permissionMissing)
        #expect(error.providerCode == "unauthorized_client")
        #expect(error.httpStatus == 401)
        #expect(error.message.contains("client id 104217380923465120001"))
        #expect(error.message.contains("https://www.googleapis.com/auth/calendar"))
        #expect(error.message.contains("Manage domain-wide delegation"))
    }

    @Test func anUnknownOrSuspendedPersonHasNoCalendar() async throws {
        let h = try GoogleAdapterHarness()
        for person in ["nobody@fabrikam.example", GoogleAdapterHarness.margaret] {
            let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: person) })
            #expect(error.kind == .noCalendar)
            #expect(error.providerCode == "invalid_grant user")
            #expect(error.message.contains(person))
        }
    }

    @Test func aKeyOfAnotherAccountIsRejectedAsCredentials() async throws {
        var key = try GoogleAdapterHarness.keyJSON()
        key["client_email"] = "someone-else@fabrikam-emulator.iam.gserviceaccount.com"
        let h = try GoogleAdapterHarness()
        let provider = try GoogleCalendarProvider(
            key: try GoogleServiceAccountKey(json: JSONSerialization.data(withJSONObject: key)),
            baseURL: "http://127.0.0.1:8092", transport: InProcessTransport(h.emulator), clock: h.clock,
            retry: .noRetries)
        let error = try #require(await h.failure { _ = try await provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(error.kind == .credentialsRejected)
        #expect(error.providerCode == "invalid_grant account")
    }

    @Test func aBrokenKeyFileSaysWhichFieldWithoutQuotingTheKey() throws {
        let original = try GoogleAdapterHarness.keyJSON()
        let pem = try #require(original["private_key"] as? String)
        let cases: [(String, Any?, String)] = [
            ("type", "authorized_user", "\"type\""),
            ("client_id", "calsync-sync@fabrikam-emulator.iam.gserviceaccount.com", "\"client_id\""),
            ("private_key", pem.replacingOccurrences(of: "\n", with: "\\n"), "\"private_key\""),
            ("private_key", nil, "\"private_key\" is missing"),
            ("universe_domain", "example.com", "\"universe_domain\""),
            ("token_uri", "http://tokens.example.com/token", "\"token_uri\""),
        ]
        for (field, value, expected) in cases {
            var key = original
            key[field] = value
            let json = try JSONSerialization.data(withJSONObject: key)
            do {
                _ = try GoogleServiceAccountKey(json: json)
                Issue.record("\(field): accepted")
            } catch {
                #expect(error.kind == .configuration)
                #expect(error.message.contains(expected), "\(field): \(error.message)")
                #expect(!error.description.contains("MII"), "\(field): the key leaked")
            }
        }
        #expect(throws: CalendarError.self) { try GoogleServiceAccountKey(json: Data("not json".utf8)) }
    }

    @Test func descriptionsNeverShowTheKeyOrTheToken() async throws {
        let h = try GoogleAdapterHarness()
        let key = try GoogleServiceAccountKey(json: Data(contentsOf: GoogleAdapterHarness.keyFile))
        #expect(String(describing: key).contains("104217380923465120001"))
        #expect(!String(describing: key).contains("PRIVATE"))
        let token = try await h.provider.client.tokens.token(for: GoogleAdapterHarness.ada, scopes: [GoogleScope.calendar])
        #expect(!String(describing: token).contains(token.value.revealed))
        #expect(!String(reflecting: token).contains(token.value.revealed))
    }

    /// The assertion as Google documents it, checked with the key's public half.
    @Test func theAssertionCarriesTheDocumentedClaims() throws {
        let key = try GoogleServiceAccountKey(json: Data(contentsOf: GoogleAdapterHarness.keyFile))
        let now = Timestamp.parse(GoogleAdapterHarness.start)!
        let jwt = try GoogleJWTGrant.assertion(
            key: key, subject: "ada@fabrikam.example",
            scopes: [GoogleScope.calendar, GoogleScope.directory], now: now)
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try JSONValue.parse(Data(try #require(base64url(parts[0]))))
        let claims = try JSONValue.parse(Data(try #require(base64url(parts[1]))))
        #expect(header == ["alg": "RS256", "typ": "JWT", "kid": "61cbd001c702cc3432d8a214a56560d256ee2738"])
        #expect(claims["iss"]?.stringValue == "calsync-sync@fabrikam-emulator.iam.gserviceaccount.com")
        #expect(claims["sub"]?.stringValue == "ada@fabrikam.example")
        #expect(claims["aud"]?.stringValue == "https://oauth2.googleapis.com/token")
        #expect(claims["scope"]?.stringValue == GoogleScope.calendar + " " + GoogleScope.directory)
        #expect(claims["iat"]?.intValue == Int(now.timeIntervalSince1970))
        #expect(claims["exp"]?.intValue == Int(now.timeIntervalSince1970) + 3600)
    }

    private func base64url(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
