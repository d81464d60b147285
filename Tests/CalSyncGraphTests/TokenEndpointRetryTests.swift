import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

/// The login service's own trouble (429/503 with Retry-After, resets) is retried by `GraphClient` like Graph's;
/// refused credentials are not.
@Suite struct TokenEndpointRetryTests {
    static let timeZone = #"{"timeZone":"UTC"}"#

    @Test func aThrottledOrResetTokenRequestIsRetriedHonouringRetryAfter() async throws {
        let clock = MockWallClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(
            graph: [.json(200, Self.timeZone)],
            tokens: [
                .json(503, #"{"error":"temporarily_unavailable","error_codes":[90033]}"#, headers: ["Retry-After": "1.5"]),
                .fail(HTTPTransportError(.connectionReset, "reset")),
            ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(transport.tokenRequests.count == 3)
        #expect(sleeper.sleeps.count == 2)
        #expect(abs(sleeper.sleeps[0] - 1.5) < 0.000_1, "the login endpoint's Retry-After is honoured")
    }

    @Test func refusedCredentialsAreNotRetried() async throws {
        let sleeper = TestSleeper(clock: MockWallClock())
        let transport = ScriptedTransport(tokens: [.json(401, #"{"error":"invalid_client","error_codes":[7000215]}"#)])
        let client = try TestIntegration.client(transport, sleeper: sleeper)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .credentialsRejected)
        #expect(transport.tokenRequests.count == 1)
        #expect(sleeper.sleeps.isEmpty)
    }
}
