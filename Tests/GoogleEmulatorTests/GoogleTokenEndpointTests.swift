import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleTokenEndpointTests {
    static let unauthorizedClient =
        "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."
    static let badTimes =
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."

    @Test func aValidGrantGivesABearerTokenThatReadsThePersonsCalendar() async throws {
        let h = try GoogleHarness()
        let reply = await h.requestToken(try h.assertion(h.claims()))
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
        let token = try #require(reply.json["access_token"]?.stringValue)
        #expect(token.hasPrefix("ya29."))
        #expect(reply.json["expires_in"] == 3599)
        #expect(reply.json["token_type"] == "Bearer")
        #expect(reply.json["refresh_token"] == nil)
        let calendar = await h.send(.get, "/calendar/v3/calendars/primary", token: token)
        #expect(calendar.status == 200)
        #expect(calendar.json["id"] == "ada@fabrikam.example")
        #expect(calendar.json["timeZone"] == "Europe/Zurich")
        #expect(h.emulator.stats().person(GoogleHarness.ada).tokensIssued == 1)
    }

    @Test func theEmulatorsOwnTokenURLIsAnAcceptedAudience() async throws {
        let h = try GoogleHarness()
        #expect(await h.requestToken(try h.assertion(h.claims(["aud": "http://127.0.0.1:8092/token"]))).status == 200)
    }

    @Test func aSignatureThatDoesNotVerifyIsInvalidGrant() async throws {
        let h = try GoogleHarness()
        var assertion = Array(try h.assertion(h.claims()))
        let index = assertion.count - 10
        assertion[index] = assertion[index] == "A" ? "B" : "A"
        let reply = await h.requestToken(String(assertion))
        #expect(reply.status == 400)
        #expect(reply.json == ["error": "invalid_grant", "error_description": "Invalid JWT Signature."])
        // Claims changed after signing do not verify either.
        let signed = try h.assertion(h.claims()).split(separator: ".")
        let forged = try h.assertion(h.claims(["sub": "grace@fabrikam.example"])).split(separator: ".")
        let mixed = [forged[0], forged[1], signed[2]].joined(separator: ".")
        #expect(await h.requestToken(mixed).json["error_description"] == "Invalid JWT Signature.")
        // A key id the account does not have.
        let otherKid = try h.assertion(h.claims(), header: ["alg": "RS256", "typ": "JWT", "kid": "0000"])
        #expect(await h.requestToken(otherKid).json["error_description"] == "Invalid JWT Signature.")
        #expect(h.emulator.stats().tokenRequestsRefused == 3)
        #expect(h.emulator.stats().tokensIssued == 0)
    }

    @Test func aWrongAudienceIsInvalidGrant() async throws {
        let h = try GoogleHarness()
        let reply = await h.requestToken(try h.assertion(h.claims(["aud": "https://example.com/token"])))
        #expect(reply.status == 400)
        #expect(reply.json["error"] == "invalid_grant")
        #expect(reply.json["error_description"]?.stringValue?.contains("audience") == true)
    }

    @Test func expiredOverlongOrFutureAssertionsAreInvalidGrant() async throws {
        let h = try GoogleHarness()
        let now = Int(h.clock.now().timeIntervalSince1970)
        let cases: [[String: JSONValue]] = [
            ["iat": .number(Double(now - 7200)), "exp": .number(Double(now - 3600))],  // expired an hour ago
            ["iat": .number(Double(now)), "exp": .number(Double(now + 3601))],  // longer than an hour
            ["iat": .number(Double(now + 1200)), "exp": .number(Double(now + 2400))],  // clock 20 minutes ahead
            ["exp": .null],
        ]
        for claims in cases {
            let reply = await h.requestToken(try h.assertion(h.claims(claims)))
            #expect(reply.status == 400)
            #expect(reply.json == ["error": "invalid_grant", "error_description": .string(Self.badTimes)])
        }
        // Within the skew (a clock 2 minutes ahead) is accepted.
        let skewed = await h.requestToken(
            try h.assertion(h.claims(["iat": .number(Double(now + 120)), "exp": .number(Double(now + 3720))])))
        #expect(skewed.status == 200)
    }

    @Test func aScopeTheClientIdIsNotGrantedIsUnauthorizedClient() async throws {
        let h = try GoogleHarness()
        let scope = GoogleHarness.calendarScope + " https://www.googleapis.com/auth/drive"
        let reply = await h.requestToken(try h.assertion(h.claims(["scope": .string(scope)])))
        #expect(reply.status == 401)
        #expect(reply.json == ["error": "unauthorized_client", "error_description": .string(Self.unauthorizedClient)])
        // Both granted scopes together are fine.
        let both = GoogleHarness.calendarScope + " " + GoogleHarness.directoryScope
        #expect(await h.requestToken(try h.assertion(h.claims(["scope": .string(both)]))).status == 200)
    }

    @Test func revokedDelegationRefusesNewTokensAndEndsIssuedOnes() async throws {
        let h = try GoogleHarness()
        let token = try #require(await h.requestToken(try h.assertion(h.claims())).json["access_token"]?.stringValue)
        let revoke = await h.send(
            .post, "/_emulator/delegation/revoke", body: #"{"clientId":"104217380923465120001"}"#, token: nil)
        #expect(revoke.status == 200)
        #expect(revoke.json == ["104217380923465120001": []])
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: token).reason == "authError")
        let refused = await h.requestToken(try h.assertion(h.claims()))
        #expect(refused.status == 401)
        #expect(refused.json["error"] == "unauthorized_client")
        h.emulator.grantDelegation(clientId: GoogleHarness.clientId, scopes: [GoogleHarness.calendarScope])
        #expect(await h.requestToken(try h.assertion(h.claims())).status == 200)
    }

    @Test func unknownSuspendedOrAliasSubjectsAreInvalidGrant() async throws {
        let h = try GoogleHarness()
        for subject in ["nobody@fabrikam.example", "ada@other.example", GoogleHarness.margaret, "a.lovelace@fabrikam.example"] {
            let reply = await h.requestToken(try h.assertion(h.claims(["sub": .string(subject)])))
            #expect(reply.status == 400)
            #expect(reply.json == ["error": "invalid_grant", "error_description": "Invalid email or User ID"])
        }
        let malformed = await h.requestToken(try h.assertion(h.claims(["sub": "not-an-email"])))
        #expect(malformed.json["error"] == "invalid_request")
        // Primary addresses match in any case.
        #expect(await h.requestToken(try h.assertion(h.claims(["sub": "ADA@Fabrikam.Example"]))).status == 200)

        var configuration = GoogleEmulatorConfiguration()
        configuration.aliasAsSubject = true
        let lenient = try GoogleHarness(configuration: configuration)
        let alias = await lenient.requestToken(try lenient.assertion(lenient.claims(["sub": "a.lovelace@fabrikam.example"])))
        let token = try #require(alias.json["access_token"]?.stringValue)
        #expect(await lenient.send(.get, "/calendar/v3/calendars/primary", token: token).json["id"] == "ada@fabrikam.example")
    }

    @Test func malformedRequestsAreRefusedInTheOAuthShape() async throws {
        let h = try GoogleHarness()
        let grant = await h.requestToken(try h.assertion(h.claims()), grantType: "client_credentials")
        #expect(grant.json == ["error": "unsupported_grant_type", "error_description": "Invalid grant_type: client_credentials"])
        #expect(await h.requestToken("").json["error"] == "invalid_request")
        #expect(await h.requestToken("not.a.jwt").json["error"] == "invalid_request")
        let unknownIssuer = await h.requestToken(try h.assertion(h.claims(["iss": "someone@else.iam.gserviceaccount.com"])))
        #expect(unknownIssuer.json["error"] == "invalid_grant")
        let noScope = await h.requestToken(try h.assertion(h.claims(["scope": .null])))
        #expect(noScope.json["error"] == "invalid_scope")
        let hs256 = try h.assertion(h.claims(), header: ["alg": "HS256", "typ": "JWT"])
        #expect(await h.requestToken(hs256).json["error_description"] == "Invalid JWT Signature.")
        let get = await h.send(.get, "/token", token: nil)
        #expect(get.status == 400)
    }

    @Test func aServiceAccountActingAsItselfNeedsNoDelegationButHasNoCalendar() async throws {
        let h = try GoogleHarness()
        h.emulator.revokeDelegation(clientId: GoogleHarness.clientId)
        let reply = await h.requestToken(try h.assertion(h.claims(["sub": .null])))
        let token = try #require(reply.json["access_token"]?.stringValue, "\(reply.text)")
        let calendar = await h.send(.get, "/calendar/v3/calendars/primary", token: token)
        #expect(calendar.status == 404)
        #expect(calendar.reason == "notFound")
    }
}
