import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

@Suite struct TokenProviderTests {
    func provider(_ transport: ScriptedTransport, clock: MockWallClock = MockWallClock()) throws -> TokenProvider {
        let endpoint = try GraphEndpoint(integration: TestIntegration.make())
        return TokenProvider(
            endpoint: endpoint, tenantId: TestIntegration.tenantId, clientId: TestIntegration.clientId,
            clientSecret: Secret(TestIntegration.secret), transport: transport, clock: clock)
    }

    @Test func theTokenRequestHasTheDocumentedShape() async throws {
        let transport = ScriptedTransport(tokens: [.fixture("token-response.json")])
        let token = try await provider(transport).token()
        #expect(token.value.revealed.hasPrefix("eyJ0eXAiOiJKV1Qi"))
        #expect(token.expiresIn == 3599)

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(
            request.url.absoluteString
                == "https://login.microsoftonline.com/contoso-tenant-id/oauth2/v2.0/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["Authorization"] == nil)
        #expect(
            request.bodyText == "client_id=11111111-2222-3333-4444-555555555555"
                + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
                + "&client_secret=s3cr%2Bt%2FValue%3D%3D~x&grant_type=client_credentials")
    }

    @Test func theTokenIsCachedUntil80PercentOfItsLifetime() async throws {
        let clock = MockWallClock()
        let transport = ScriptedTransport(tokenLifetime: 3600)
        let tokens = try provider(transport, clock: clock)

        #expect(try await tokens.token().value.revealed == "token-1")
        clock.advance(by: 2879)
        #expect(try await tokens.token().value.revealed == "token-1")
        #expect(transport.tokenRequests.count == 1)

        clock.advance(by: 1)  // 2880 s = 80% of 3600
        #expect(try await tokens.token().value.revealed == "token-2")
        #expect(transport.tokenRequests.count == 2)
        #expect(try await tokens.token().value.revealed == "token-2")
        #expect(await tokens.requestCount == 2)
    }

    @Test func expiresInMayBeAString() async throws {
        let clock = MockWallClock()
        let body = #"{"token_type":"Bearer","expires_in":"100","access_token":"abc"}"#
        let transport = ScriptedTransport(tokens: [.json(200, body)])
        let tokens = try provider(transport, clock: clock)
        let token = try await tokens.token()
        #expect(token.expiresIn == 100)
        #expect(token.refreshAt == clock.now().addingTimeInterval(80))
    }

    @Test func invalidateForcesANewToken() async throws {
        let transport = ScriptedTransport()
        let tokens = try provider(transport)
        let first = try await tokens.token()
        await tokens.invalidate()
        #expect(try await tokens.token().value.revealed == "token-2")

        // A 401 seen with an already replaced token does not throw the newer one away.
        await tokens.invalidate(rejected: first)
        #expect(try await tokens.token().value.revealed == "token-2")
        #expect(transport.tokenRequests.count == 2)
    }

    @Test func concurrentCallersShareOneRequest() async throws {
        let gate = Gate()
        let transport = ScriptedTransport(tokens: [
            .handle { _ in
                await gate.wait()
                return HTTPClientResponse(
                    status: 200, body: Data(#"{"token_type":"Bearer","expires_in":3600,"access_token":"shared"}"#.utf8))
            }
        ])
        let tokens = try provider(transport)
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await tokens.token().value.revealed } }
            // Let every caller reach the provider while the single request is held open.
            try await Task.sleep(for: .milliseconds(100))
            await gate.open()
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(values.count == 20)
        #expect(Set(values) == ["shared"])
        #expect(transport.tokenRequests.count == 1)
    }

    @Test func aFailedFlightIsSharedAndNotCached() async throws {
        let transport = ScriptedTransport(tokens: [.fail(HTTPTransportError(.timeout, "timed out"))])
        let tokens = try provider(transport)
        let error = await calendarError { _ = try await tokens.token() }
        #expect(error?.kind == .transient)
        #expect(error?.message.contains("timeout") == true)
        #expect(try await tokens.token().value.revealed == "token-1")
    }

    @Test func aTransientRefreshFailureKeepsServingAValidToken() async throws {
        let clock = MockWallClock()
        let transport = ScriptedTransport(tokens: [
            .json(200, #"{"token_type":"Bearer","expires_in":3600,"access_token":"old"}"#),
            .json(503, #"{"error":"temporarily_unavailable"}"#, headers: ["Retry-After": "5"]),
            .json(401, #"{"error":"invalid_client","error_codes":[7000215]}"#),
        ])
        let tokens = try provider(transport, clock: clock)
        #expect(try await tokens.token().value.revealed == "old")
        clock.advance(by: 3000)  // past 80%, before expiry
        #expect(try await tokens.token().value.revealed == "old")
        // A credential error is never papered over.
        let error = await calendarError { _ = try await tokens.token() }
        #expect(error?.kind == .credentialsRejected)
    }

    @Test func tokensNeverShowInDescriptions() async throws {
        let transport = ScriptedTransport()
        let token = try await provider(transport).token()
        #expect(!String(describing: token).contains("token-1"))
        #expect(!String(reflecting: token).contains("token-1"))
    }
}

/// A one-shot gate: `wait()` suspends until `open()`.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
