import Foundation
import Testing

@testable import CalSyncHTTP

@Suite("CurlTransport against a local socket server")
struct CurlTransportTests {
    @Test func getRoundTripsStatusHeadersAndBody() async throws {
        let server = try CurlTransportTestServer { _ in
            .respond(
                CurlTestResponse(
                    status: 200,
                    headers: [("X-Test", "one"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Empty", "")],
                    body: Data("hello".utf8)
                )
            )
        }
        defer { server.stop() }
        let transport = CurlTransport()

        var request = HTTPClientRequest(method: .get, url: server.url("/calendars/1?select=id"))
        request.headers.add("Authorization", "Bearer t0ken")
        let response = try await transport.send(request)

        #expect(response.status == 200)
        #expect(response.body == Data("hello".utf8))
        #expect(response.headers["x-test"] == "one")
        #expect(response.headers["Content-Length"] == "5")
        #expect(response.headers.values("set-cookie") == ["a=1", "b=2"])
        #expect(response.headers["X-Empty"] == "")

        let received = try #require(server.receivedRequests.first)
        #expect(received.method == "GET")
        #expect(received.target == "/calendars/1?select=id")
        #expect(received.header("Authorization") == "Bearer t0ken")
        #expect(received.header("User-Agent") == "CalSync/0.1")
        #expect(received.header("Expect") == nil)
        #expect(received.header("Content-Length") == nil)
    }

    @Test func postSendsBodyAndGetsItEchoed() async throws {
        let server = try CurlTransportTestServer { request in
            .respond(CurlTestResponse(status: 201, headers: [("X-Method", request.method)], body: request.body))
        }
        defer { server.stop() }
        let transport = CurlTransport(userAgent: "CalSyncTests/1")
        let payload = Data(#"{"subject":"Training ünïcode","n":[1,2,3]}"#.utf8)

        var request = HTTPClientRequest(method: .post, url: server.url("/events"), body: payload)
        request.headers["Content-Type"] = "application/json"
        let response = try await transport.send(request)

        #expect(response.status == 201)
        #expect(response.body == payload)
        #expect(response.headers["X-Method"] == "POST")
        let received = try #require(server.receivedRequests.first)
        #expect(received.header("Content-Type") == "application/json")
        #expect(received.header("Content-Length") == "\(payload.count)")
        #expect(received.header("Expect") == nil)
        #expect(received.header("User-Agent") == "CalSyncTests/1")
    }

    @Test func everyMethodGoesOutAsWritten() async throws {
        let server = try CurlTransportTestServer { request in
            .respond(CurlTestResponse(status: 200, headers: [("X-Method", request.method)], body: request.body))
        }
        defer { server.stop() }
        let transport = CurlTransport(maxConnections: 1)

        let body = Data("x=1".utf8)
        let patch = try await transport.send(HTTPClientRequest(method: .patch, url: server.url("/e"), body: body))
        #expect(patch.headers["X-Method"] == "PATCH")
        #expect(patch.body == body)
        let put = try await transport.send(HTTPClientRequest(method: .put, url: server.url("/e")))
        #expect(put.headers["X-Method"] == "PUT")
        let delete = try await transport.send(HTTPClientRequest(method: .delete, url: server.url("/e")))
        #expect(delete.headers["X-Method"] == "DELETE")
        let head = try await transport.send(HTTPClientRequest(method: .head, url: server.url("/e")))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["X-Method"] == "HEAD")
        let get = try await transport.send(HTTPClientRequest(method: .get, url: server.url("/e")))
        #expect(get.headers["X-Method"] == "GET")

        let received = server.receivedRequests
        #expect(received.map(\.method) == ["PATCH", "PUT", "DELETE", "HEAD", "GET"])
        // A body without a Content-Type must not get libcurl's form-urlencoded default.
        #expect(received[0].header("Content-Type") == nil)
        // PUT without a body still says how long it is (servers answer 411 otherwise).
        #expect(received[1].header("Content-Length") == "0")
        #expect(received[2].header("Content-Length") == nil)
        // One lane, keep-alive: all five on one connection.
        #expect(server.acceptedConnections == 1)
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let server = try CurlTransportTestServer { request in
            request.target == "/moved"
                ? .respond(CurlTestResponse(status: 302, headers: [("Location", "/elsewhere")]))
                : .respond(CurlTestResponse(status: 404, body: Data("nope".utf8)))
        }
        defer { server.stop() }
        let transport = CurlTransport()

        let missing = try await transport.send(HTTPClientRequest(method: .get, url: server.url("/missing")))
        #expect(missing.status == 404)
        #expect(missing.body == Data("nope".utf8))
        // Redirects are not followed.
        let moved = try await transport.send(HTTPClientRequest(method: .get, url: server.url("/moved")))
        #expect(moved.status == 302)
        #expect(moved.headers["Location"] == "/elsewhere")
        #expect(server.receivedRequests.count == 2)
    }

    @Test func interimContinueHeadersAreDropped() async throws {
        let server = try CurlTransportTestServer { _ in
            .respond(CurlTestResponse(status: 200, headers: [("X-Final", "yes")], body: Data("ok".utf8), interimContinue: true))
        }
        defer { server.stop() }
        let response = try await CurlTransport().send(
            HTTPClientRequest(method: .post, url: server.url("/upload"), body: Data("data".utf8))
        )
        #expect(response.status == 200)
        #expect(response.headers["X-Interim"] == nil)
        #expect(response.headers["X-Final"] == "yes")
        #expect(response.body == Data("ok".utf8))
    }
}
