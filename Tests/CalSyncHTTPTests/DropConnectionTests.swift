import CalSyncHTTP
import Foundation
import Testing

/// The test-only `X-CalSync-Drop-Connection: 1` marker (`HTTPResponse.dropConnection()`): the server
/// closes the connection without writing a byte of the response.
@Suite struct DropConnectionTests {
    /// `/drop` answers with the marker; anything else as the echo responder.
    static let responder = ClosureResponder { request in
        if request.path == "/drop" { return .dropConnection() }
        return await echoResponder.respond(to: request)
    }

    @Test func markerClosesTheConnectionWithoutAResponse() async throws {
        try await withServer(responder: Self.responder) { server, port in
            let (closed, unread) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/drop"))
                return (client.waitForClose(), client.unreadByteCount)
            }
            #expect(closed, "the server closed the connection")
            #expect(unread == 0, "not a byte of a response was sent")
            // The server goes on serving other connections.
            let next = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/after"))
                return try client.readResponse()
            }
            #expect(next.text == "GET /after")
            try await Task.sleep(for: .milliseconds(50))
            #expect(server.connectionCount == 0)
        }
    }

    @Test func earlierResponsesOnTheConnectionAreDeliveredThenItDrops() async throws {
        try await withServer(responder: Self.responder) { _, port in
            let (first, closed, unread) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/first") + rawGET("/drop") + rawGET("/never"))
                let first = try client.readResponse()
                return (first, client.waitForClose(), client.unreadByteCount)
            }
            #expect(first.text == "GET /first")
            #expect(closed)
            #expect(unread == 0, "neither the dropped request nor the one after it was answered")
        }
    }

    @Test func curlSeesAConnectionReset() async throws {
        try await withServer(responder: Self.responder) { _, port in
            let url = URL(string: "http://127.0.0.1:\(port)/drop")!
            do {
                let response = try await CurlTransport().send(HTTPClientRequest(method: .get, url: url, timeout: 5))
                Issue.record("expected a transport error, got status \(response.status)")
            } catch let error as HTTPTransportError {
                #expect(error.kind == .connectionReset)
            }
        }
    }

    @Test func inProcessTransportThrowsAConnectionReset() async throws {
        let transport = InProcessTransport(Self.responder)
        await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPClientRequest(method: .get, url: URL(string: "http://x/drop")!))
        }
        do {
            _ = try await transport.send(HTTPClientRequest(method: .get, url: URL(string: "http://x/drop")!))
        } catch let error as HTTPTransportError {
            #expect(error.kind == .connectionReset)
        }
        let ok = try await transport.send(HTTPClientRequest(method: .get, url: URL(string: "http://x/fine")!))
        #expect(ok.status == 200)
        #expect(!HTTPResponse.text(200, "x").dropsConnection)
        #expect(HTTPResponse.dropConnection().headers[HTTPResponse.dropConnectionHeader] == "1")
    }
}
