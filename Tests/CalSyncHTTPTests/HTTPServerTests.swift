import CalSyncHTTP
import Foundation
import Synchronization
import Testing

/// The `code` of a server error body `{"error":{"code":…,"message":…}}`.
private func errorCode(_ response: WireResponse) -> String? {
    let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
    return (object?["error"] as? [String: Any])?["code"] as? String
}

/// Socket tests against a real server on port 0, with raw POSIX client sockets.
@Suite struct HTTPServerTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() async throws {
        try await withServer { _, port in
            let responses = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/one"))
                let first = try client.readResponse()
                try client.send(rawPOST("/two", "payload"))
                return [first, try client.readResponse()]
            }
            #expect(responses.map(\.text) == ["GET /one", "POST /two payload"])
            #expect(responses.allSatisfy { $0.status == 200 && $0.headers["connection"] == nil })
            #expect(responses[0].headers["content-length"] == "8")
            #expect(responses[0].headers["date"]?.hasSuffix(" GMT") == true)
        }
    }

    @Test func pipelinedResponsesComeBackInRequestOrder() async throws {
        try await withServer { _, port in
            let texts = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/slow?delay=300") + rawGET("/fast") + rawPOST("/third", "x"))
                return try (0..<3).map { _ in try client.readResponse().text }
            }
            #expect(texts == ["GET /slow", "GET /fast", "POST /third x"])
        }
    }

    @Test func slowHeadersGet408AndClose() async throws {
        try await withServer(config { $0.headerTimeout = 0.3 }) { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: slow\r\n")
                return (try client.readResponse(), client.waitForClose())
            }
            #expect(response.status == 408)
            #expect(errorCode(response) == "request_timeout")
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
            #expect(response.headers["connection"] == "close")
            #expect(closed)
        }
    }

    /// At the cap with every connection busy (nothing to shed), a newcomer is answered 503 and closed.
    @Test func connectionsBeyondTheLimitGet503WhenNoneCanBeShed() async throws {
        let entered = Atomic<Int>(0)
        let released = Atomic<Bool>(false)
        let responder = ClosureResponder { request in
            if request.path != "/still-served" {
                entered.add(1, ordering: .sequentiallyConsistent)
                while !released.load(ordering: .sequentiallyConsistent) { try? await Task.sleep(for: .milliseconds(5)) }
            }
            return .text(200, "\(request.method) \(request.path)")
        }
        try await withServer(config { $0.maxConnections = 2 }, responder: responder) { _, port in
            let (rejected, closed, answers, accepted) = try await onThread {
                let first = try TestClient(port: port)
                let second = try TestClient(port: port)
                try first.send(rawGET("/a"))
                try second.send(rawGET("/b"))
                for _ in 0..<2_000 where entered.load(ordering: .sequentiallyConsistent) < 2 { usleep(5_000) }
                let third = try TestClient(port: port)
                let (rejected, closed) = (try third.readResponse(), third.waitForClose())
                released.store(true, ordering: .sequentiallyConsistent)
                let answers = [try first.readResponse().text, try second.readResponse().text]
                try first.send(rawGET("/still-served"))
                return (rejected, closed, answers, try first.readResponse())
            }
            #expect(rejected.status == 503)
            #expect(errorCode(rejected) == "service_unavailable")
            #expect(closed)
            #expect(answers == ["GET /a", "GET /b"])
            #expect(accepted.text == "GET /still-served")
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        try await withServer(config { $0.idleTimeout = 0.3 }) { server, port in
            let closed = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/"))
                _ = try client.readResponse()
                return client.waitForClose()
            }
            #expect(closed, "the server closed the idle keep-alive connection")
            try await Task.sleep(for: .milliseconds(50))
            #expect(server.connectionCount == 0)
        }
    }

    @Test func headGetsHeadersButNoBody() async throws {
        try await withServer { _, port in
            let (head, next) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("HEAD /thing HTTP/1.1\r\nHost: x\r\n\r\n")
                let head = try client.readResponse(toHEAD: true)
                // Had the server sent a body, the next read would start inside it and fail.
                try client.send(rawGET("/next"))
                return (head, try client.readResponse())
            }
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "11")  // "HEAD /thing"
            #expect(head.body.isEmpty)
            #expect(next.text == "GET /next")
        }
    }

    @Test func expectContinueGets100BeforeTheBody() async throws {
        try await withServer { _, port in
            let (interim, final) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
                let interim = try client.readResponse()
                try client.send("data")
                return (interim, try client.readResponse())
            }
            #expect(interim.status == 100)
            #expect(final.text == "PUT /up data")
        }
    }

    @Test(arguments: [
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411, "length_required"),
        ("GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400, "bad_request"),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", 413, "payload_too_large"),
        ("GET /\(String(repeating: "a", count: 600)) HTTP/1.1\r\nHost: x\r\n\r\n", 431, "header_too_large"),
    ])
    func protocolErrorsAreJSONAndClose(request: String, status: Int, code: String) async throws {
        let configuration = config {
            $0.maxBodyBytes = 100
            $0.maxHeaderBytes = 512
        }
        try await withServer(configuration) { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(request)
                return (try client.readResponse(), client.waitForClose())
            }
            #expect(response.status == status)
            #expect(errorCode(response) == code)
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
            #expect(response.headers["date"] != nil)
            #expect(closed)
        }
    }

    @Test func http10ClosesUnlessKeepAlive() async throws {
        try await withServer { _, port in
            let (plain, closed, kept) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /old HTTP/1.0\r\n\r\n")
                let plain = try client.readResponse()
                let closed = client.waitForClose()
                let other = try TestClient(port: port)
                try other.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let kept = try other.readResponse()
                try other.send("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                _ = try other.readResponse()
                return (plain, closed, kept)
            }
            #expect(plain.headers["connection"] == "close")
            #expect(closed)
            #expect(kept.headers["connection"] == "keep-alive")
        }
    }

    @Test func responderConnectionCloseIsHonoured() async throws {
        let responder = ClosureResponder { _ in HTTPResponse(status: 204, headers: ["Connection": "close"]) }
        try await withServer(responder: responder) { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/"))
                return (try client.readResponse(), client.waitForClose())
            }
            #expect(response.status == 204)
            #expect(response.headers["content-length"] == nil)
            #expect(closed)
        }
    }

    @Test func largeBodiesRoundTrip() async throws {
        let responder = ClosureResponder { request in HTTPResponse(status: 200, body: request.body + request.body) }
        try await withServer(responder: responder) { _, port in
            let payload = String(repeating: "0123456789abcdef", count: 40_000)  // 640 KB up, 1.28 MB down
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawPOST("/big", payload))
                return try client.readResponse()
            }
            #expect(response.body.count == 2 * payload.utf8.count)
            #expect(response.body.prefix(16) == Data("0123456789abcdef".utf8))
        }
    }

    @Test func shutdownLetsTheInFlightRequestFinish() async throws {
        // The response is held until the shutdown is under way (new connections refused), whatever the load.
        let entered = Atomic<Bool>(false)
        let released = Atomic<Bool>(false)
        let responder = ClosureResponder { request in
            entered.store(true, ordering: .sequentiallyConsistent)
            while !released.load(ordering: .sequentiallyConsistent) { try? await Task.sleep(for: .milliseconds(5)) }
            return .text(200, "\(request.method) \(request.path)")
        }
        let server = HTTPServer(configuration: config(), responder: responder)
        let port = try server.start()
        async let response = onThread {
            // The answer waits for the shutdown to begin, which a loaded machine may take seconds to reach.
            let client = try TestClient(port: port, timeout: 30)
            try client.send(rawGET("/work"))
            return (try client.readResponse(), client.waitForClose())
        }
        try await eventuallyTrue { entered.load(ordering: .sequentiallyConsistent) }
        let shutdown = Task { await server.shutdown(timeout: 10) }
        try await eventuallyTrue { (try? TestClient(port: port)) == nil }
        try await Task.sleep(for: .milliseconds(50))
        released.store(true, ordering: .sequentiallyConsistent)
        await shutdown.value
        let (finished, closed) = try await response
        #expect(finished.text == "GET /work")
        #expect(finished.headers["connection"] == "close")
        #expect(closed)
        #expect(server.connectionCount == 0)
        #expect(throws: (any Error).self) { try TestClient(port: port) }
    }

    /// Polls `condition` every 5 ms for up to 10 s; fails the test when it never holds.
    private func eventuallyTrue(_ condition: () -> Bool) async throws {
        for _ in 0..<2_000 where !condition() { try await Task.sleep(for: .milliseconds(5)) }
        #expect(condition())
    }

    @Test func addressInUseIsAClearError() async throws {
        try await withServer { _, port in
            var configuration = HTTPServerConfiguration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, responder: echoResponder)
            let error = #expect(throws: HTTPServerError.self) { try second.start() }
            #expect(error?.kind == .addressInUse)
            #expect(error?.description.contains("\(port)") == true)
        }
    }

    @Test func listensOnIPv6Loopback() async throws {
        let server = HTTPServer(configuration: config { $0.host = "::1" }, responder: echoResponder)
        let port: Int
        do {
            port = try server.start()
        } catch {
            return  // no IPv6 in this environment
        }
        let response = try await onThread {
            let client = try TestClient(port: port, host: "::1")
            try client.send(rawGET("/v6"))
            return try client.readResponse()
        }
        await server.shutdown(timeout: 1)
        #expect(response.text == "GET /v6")
    }
}
