import Foundation
import Testing

@testable import CalSyncHTTP

@Suite("CurlTransport failures map to HTTPTransportError")
struct CurlTransportFailureTests {
    @Test func slowServerTimesOut() async throws {
        // The server answers only after 120 s, so a timeout is told apart from an answer even on a machine so loaded
        // that the test process stalls for seconds.
        let server = try CurlTransportTestServer { _ in .respondAfter(seconds: 120, CurlTestResponse()) }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await transportError {
            try await CurlTransport().send(HTTPClientRequest(method: .get, url: server.url("/slow"), timeout: 0.3))
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(60), "it gave up long before the server would have answered")
    }

    @Test func refusedConnectionFails() async throws {
        let port = CurlTransportTestServer.unusedPort()
        let url = URL(string: "http://127.0.0.1:\(port)/events?token=SECRET-QUERY")!
        var request = HTTPClientRequest(method: .post, url: url, body: Data("SECRET-BODY".utf8))
        request.headers["Authorization"] = "Bearer SECRET-HEADER"
        let error = await transportError { try await CurlTransport().send(request) }
        #expect(error?.kind == .connectionFailed)
        // Messages never carry the path, query, headers or body.
        let message = error?.message ?? ""
        #expect(message.contains("127.0.0.1"))
        #expect(!message.contains("SECRET"))
        #expect(!message.contains("/events"))
    }

    @Test func closeWithoutAnswerIsAReset() async throws {
        let server = try CurlTransportTestServer { _ in .closeWithoutAnswer }
        defer { server.stop() }
        let error = await transportError {
            try await CurlTransport().send(HTTPClientRequest(method: .get, url: server.url("/")))
        }
        #expect(error?.kind == .connectionReset)
    }

    @Test func closeMidResponseIsAReset() async throws {
        let server = try CurlTransportTestServer { _ in .truncate(prefix: "only part") }
        defer { server.stop() }
        let error = await transportError {
            try await CurlTransport().send(HTTPClientRequest(method: .get, url: server.url("/")))
        }
        #expect(error?.kind == .connectionReset)
    }

    @Test func nonHTTPURLsAreInvalid() async throws {
        let transport = CurlTransport()
        let ftp = await transportError {
            try await transport.send(HTTPClientRequest(method: .get, url: URL(string: "ftp://example.com/file")!))
        }
        #expect(ftp?.kind == .invalidURL)
        let file = await transportError {
            try await transport.send(HTTPClientRequest(method: .get, url: URL(fileURLWithPath: "/etc/passwd")))
        }
        #expect(file?.kind == .invalidURL)
        #expect(transport.stats.requestsSent == 0)
    }

    @Test func headerInjectionIsRefusedWithoutEchoingTheValue() async throws {
        let server = try CurlTransportTestServer { _ in .respond(CurlTestResponse()) }
        defer { server.stop() }
        var request = HTTPClientRequest(method: .get, url: server.url("/"))
        request.headers["Authorization"] = "Bearer SECRET\r\nX-Injected: 1"
        let error = await transportError { try await CurlTransport().send(request) }
        #expect(error?.kind == .other)
        #expect(error?.message.contains("SECRET") == false)
        #expect(server.receivedRequests.isEmpty)
    }

    @Test func cancellationAbortsARunningTransfer() async throws {
        let server = try CurlTransportTestServer { _ in .respondAfter(seconds: 120, CurlTestResponse()) }
        defer { server.stop() }
        let transport = CurlTransport()
        let started = ContinuousClock.now
        let task = Task {
            try await transport.send(HTTPClientRequest(method: .get, url: server.url("/slow"), timeout: 150))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(ContinuousClock.now - started < .seconds(60), "cancelled long before the server would have answered")
    }

    @Test func cancellationWhileWaitingForALane() async throws {
        let server = try CurlTransportTestServer { _ in .respondAfter(seconds: 12, CurlTestResponse()) }
        defer { server.stop() }
        let transport = CurlTransport(maxConnections: 1)
        let first = Task { try await transport.send(HTTPClientRequest(method: .get, url: server.url("/first"))) }
        try await Task.sleep(for: .milliseconds(100))
        let waiting = Task { try await transport.send(HTTPClientRequest(method: .get, url: server.url("/second"))) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        waiting.cancel()
        let waitingResult = await waiting.result
        #expect(throws: CancellationError.self) { try waitingResult.get() }
        #expect(ContinuousClock.now - started < .seconds(9), "it left the queue before the lane came free")
        // The lane is still usable: the first request completes and a third one gets the lane.
        #expect(try await first.value.status == 200)
        #expect(try await transport.send(HTTPClientRequest(method: .get, url: server.url("/third"))).status == 200)
        #expect(server.receivedRequests.map(\.target) == ["/first", "/third"])
    }

    private func transportError(_ body: () async throws -> HTTPClientResponse) async -> HTTPTransportError? {
        do {
            let response = try await body()
            Issue.record("expected a transport error, got status \(response.status)")
            return nil
        } catch let error as HTTPTransportError {
            return error
        } catch {
            Issue.record("expected HTTPTransportError, got \(error)")
            return nil
        }
    }
}
