import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

@Suite struct GraphClientRequestTests {
    @Test func everyGraphRequestCarriesTheStandardHeaders() async throws {
        let transport = ScriptedTransport(graph: [
            .json(200, #"{"timeZone":"W. Europe Standard Time"}"#), .json(200, #"{"timeZone":"UTC"}"#),
        ])
        let client = try TestIntegration.client(transport)
        #expect(try await client.mailboxTimeZone(userId: "u1") == "W. Europe Standard Time")
        #expect(try await client.mailboxTimeZone(userId: "u2") == "UTC")

        let requests = transport.graphRequests
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.method == .get)
            #expect(request.headers["Authorization"] == "Bearer token-1")
            #expect(request.headers["Accept"] == "application/json")
            #expect(request.headers.values("Prefer") == [#"IdType="ImmutableId", outlook.timezone="UTC""#])
            #expect(request.headers["Content-Type"] == nil)
            #expect(request.body == nil)
            #expect(UUID(uuidString: request.headers["client-request-id"] ?? "") != nil)
        }
        #expect(requests[0].headers["client-request-id"] != requests[1].headers["client-request-id"])
        #expect(requests[0].url.absoluteString == "https://graph.microsoft.com/v1.0/users/u1/mailboxSettings")
        #expect(transport.tokenRequests.count == 1)
    }

    @Test func mailboxSettingsFixture() async throws {
        let transport = ScriptedTransport(graph: [.fixture("mailboxsettings.json")])
        #expect(try await TestIntegration.client(transport).mailboxTimeZone(userId: "u") == "UTC")
    }

    @Test func mailboxSettingsWithoutAZoneIsAMalformedAnswer() async throws {
        let transport = ScriptedTransport(graph: [.json(200, #"{"language":{"locale":"en-US"}}"#)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .transient)
        #expect(error?.providerCode == "InvalidResponse")
    }

    @Test func pathSegmentsArePercentEncodedStrictly() async throws {
        let transport = ScriptedTransport(graph: [.status(204)])
        let client = try TestIntegration.client(transport)
        try await client.deleteEvent(userId: "jane.doe@contoso.com", eventId: "AAMkAD/x+y=")
        let request = try #require(transport.graphRequests.first)
        #expect(request.method == .delete)
        #expect(
            request.url.absoluteString
                == "https://graph.microsoft.com/v1.0/users/jane.doe%40contoso.com/events/AAMkAD%2Fx%2By%3D")
    }

    @Test func a401RefreshesTheTokenAndRetriesOnce() async throws {
        let transport = ScriptedTransport(graph: [
            .json(401, #"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}"#),
            .json(200, #"{"timeZone":"UTC"}"#),
        ])
        let client = try TestIntegration.client(transport)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        let graph = transport.graphRequests
        #expect(graph.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
        #expect(transport.tokenRequests.count == 2)
        #expect(graph[0].headers["client-request-id"] != graph[1].headers["client-request-id"])
    }

    @Test func aSecond401IsUnauthorized() async throws {
        let body = #"{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}"#
        let transport = ScriptedTransport(graph: [.json(401, body), .json(401, body)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .unauthorized)
        #expect(error?.httpStatus == 401)
        #expect(error?.providerCode == "InvalidAuthenticationToken")
        #expect(transport.graphRequests.count == 2)
        #expect(transport.tokenRequests.count == 2)
        #expect(error?.description.contains("token-") == false)
    }

    @Test func transportFailuresAreTransient() async throws {
        let transport = ScriptedTransport(graph: [.fail(HTTPTransportError(.connectionReset, "connection reset by peer"))])
        let client = try TestIntegration.client(transport, retryPolicy: .noRetries)  // retries: ThrottlingTests
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .transient)
        #expect(error?.message.contains("connectionReset") == true)
    }

    @Test func throttlingComesBackWithRetryAfter() async throws {
        let transport = ScriptedTransport(graph: [
            .fixture("error-throttled.json", status: 429, headers: ["Retry-After": "2.128"])
        ])
        let client = try TestIntegration.client(transport, retryPolicy: .noRetries)  // retries: ThrottlingTests
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .throttled)
        #expect(error?.retryAfter == 2.128)
        #expect(transport.graphRequests.count == 1)
    }
}
