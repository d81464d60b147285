import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

@Suite struct TokenErrorTests {
    let now = Date(timeIntervalSince1970: 1_772_438_400)

    static func oauthBody(_ error: String, _ aadsts: Int, _ text: String) -> String {
        let description =
            "AADSTS\(aadsts): \(text)\\r\\nTrace ID: 0000aaaa-11bb\\r\\nCorrelation ID: aaaa0000-bb11"
            + "\\r\\nTimestamp: 2026-03-02 08:00:00Z"
        return #"{"error":"\#(error)","error_description":"\#(description)","error_codes":[\#(aadsts)],"#
            + #""trace_id":"0000aaaa-11bb","correlation_id":"aaaa0000-bb11"}"#
    }

    @Test func invalidScopeFixture() {
        let error = TokenErrorMapper.map(
            status: 400, headers: [:], body: Fixtures.data("token-error-invalid-scope.json"), now: now)
        #expect(error.kind == .credentialsRejected)
        #expect(error.httpStatus == 400)
        #expect(error.providerCode == "invalid_scope AADSTS70011")
        #expect(error.message.contains("https://graph.microsoft.com/.default"))
        #expect(error.message.contains("AADSTS70011: The provided value for the input parameter 'scope' is not valid."))
        #expect(!error.message.contains("Trace ID"))
        #expect(!error.message.contains("Correlation ID"))
        #expect(!error.message.contains("0000aaaa-11bb-cccc"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var status: Int
        var error: String
        var aadsts: Int
        var cause: String
        var testDescription: String { "AADSTS\(aadsts)" }
    }

    @Test(arguments: [
        Case(status: 401, error: "invalid_client", aadsts: 7_000_215, cause: "client secret is wrong"),
        Case(status: 401, error: "invalid_client", aadsts: 7_000_222, cause: "client secret has expired"),
        Case(status: 400, error: "unauthorized_client", aadsts: 700_016, cause: "client id is unknown"),
        Case(status: 400, error: "invalid_request", aadsts: 90_002, cause: "tenant was not found"),
        Case(status: 400, error: "invalid_request", aadsts: 900_023, cause: "tenant id is malformed"),
        Case(status: 400, error: "invalid_request", aadsts: 7_000_218, cause: "No client secret"),
        Case(status: 400, error: "invalid_scope", aadsts: 700_022, cause: "scope was refused"),
        Case(status: 400, error: "unauthorized_client", aadsts: 7_000_112, cause: "disabled"),
        Case(status: 400, error: "invalid_client", aadsts: 1_234_567, cause: "wrong client secret or client id"),
    ])
    func knownCausesAreNamed(row: Case) {
        let body = Self.oauthBody(row.error, row.aadsts, "Some Microsoft text.")
        let error = TokenErrorMapper.map(status: row.status, headers: [:], body: Data(body.utf8), now: now)
        #expect(error.kind == .credentialsRejected)
        #expect(error.httpStatus == row.status)
        #expect(error.providerCode == "\(row.error) AADSTS\(row.aadsts)")
        #expect(error.message.contains(row.cause))
        #expect(error.message.contains("Some Microsoft text."))
        #expect(!error.message.contains("Trace ID"))
    }

    @Test func theAADSTSNumberIsReadFromTheTextWhenErrorCodesAreMissing() {
        let body = #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#
        let error = TokenErrorMapper.map(status: 401, headers: [:], body: Data(body.utf8), now: now)
        #expect(error.providerCode == "invalid_client AADSTS7000215")
    }

    @Test func aNonOAuthAnswerPointsAtTheAuthorityHost() {
        let error = TokenErrorMapper.map(
            status: 404, headers: ["Content-Type": "text/html"], body: Data("<html>Not Found</html>".utf8), now: now)
        #expect(error.kind == .credentialsRejected)
        #expect(error.providerCode == nil)
        #expect(error.message.contains("authorityHost"))
    }

    @Test func loginOutagesAreRetryable() {
        let throttled = TokenErrorMapper.map(status: 429, headers: ["Retry-After": "7"], body: Data(), now: now)
        #expect(throttled.kind == .throttled)
        #expect(throttled.retryAfter == 7)
        let down = TokenErrorMapper.map(status: 500, headers: [:], body: Data("oops".utf8), now: now)
        #expect(down.kind == .transient)
    }

    @Test func anEchoedSecretIsScrubbed() {
        let body = #"{"error":"invalid_client","error_description":"AADSTS7000215: got s3cr+t/Value==~x"}"#
        let error = TokenErrorMapper.map(
            status: 401, headers: [:], body: Data(body.utf8), now: now, scrub: [TestIntegration.secret])
        #expect(!error.description.contains(TestIntegration.secret))
        #expect(error.message.contains("<redacted>"))
    }
}

/// The wrong-secret scenario end to end: every call fails with a clear authentication error, and
/// neither the secret (raw or URL-encoded) nor a token shows in any error description.
@Suite struct SecretsNeverLeakTests {
    @Test func wrongSecretThroughEveryClientCall() async throws {
        let secret = TestIntegration.secret
        let encodedSecret = GraphPercentEncoding.queryValue(secret)
        // The body even echoes the secret, as a hostile or buggy endpoint might.
        let body = TokenErrorTests.oauthBody(
            "invalid_client", 7_000_215,
            "Invalid client secret provided. Ensure the secret being sent is the "
                + "client secret value, not the client secret ID, for a secret added to app. Got \(secret) / \(encodedSecret)")
        let tokenSteps = Array(repeating: ScriptedTransport.Step.json(401, body), count: 8)
        let transport = ScriptedTransport(tokens: tokenSteps)
        let client = try TestIntegration.client(transport)
        let window = TimeRange(start: Date(timeIntervalSince1970: 1_772_323_200), end: Date(timeIntervalSince1970: 1_775_001_600))

        let calls: [@Sendable () async throws -> Void] = [
            { _ = try await client.directoryUsers() },
            { _ = try await client.mailboxTimeZone(userId: "u1") },
            { _ = try await client.calendarDelta(userId: "u1", cursor: .initial(window)) },
            { _ = try await client.createEvent(userId: "u1", event: .sample(), transactionId: "tx-1") },
            { try await client.updateEvent(userId: "u1", eventId: "e1", event: .sample()) },
            { try await client.deleteEvent(userId: "u1", eventId: "e1") },
            { _ = try await client.findEvent(userId: "u1", tag: "t") },
            { _ = try await client.event(userId: "u1", eventId: "e1") },
        ]
        for call in calls {
            do {
                try await call()
                Issue.record("expected an authentication error")
            } catch {
                let texts = [String(describing: error), String(reflecting: error), "\(error)", error.localizedDescription]
                for text in texts {
                    #expect(!text.contains(secret))
                    #expect(!text.contains(encodedSecret))
                }
                let failure = try #require(error as? CalendarError)
                #expect(failure.kind == .credentialsRejected)
                #expect(failure.providerCode == "invalid_client AADSTS7000215")
                #expect(failure.message.contains("client secret is wrong"))
            }
        }
        #expect(transport.graphRequests.isEmpty)
        #expect(transport.tokenRequests.count == 8)
    }
}
