import Foundation
import Testing

@testable import CalSyncHTTP

@Suite("CurlTransport lanes, concurrency and connection reuse")
struct CurlTransportConcurrencyTests {
    @Test func fiftyConcurrentRequestsComplete() async throws {
        let server = try CurlTransportTestServer { request in
            .respondAfter(seconds: 0.02, CurlTestResponse(body: Data(request.target.utf8)))
        }
        defer { server.stop() }
        let transport = CurlTransport(maxConnections: 8)

        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let response = try await transport.send(HTTPClientRequest(method: .get, url: server.url("/item/\(index)")))
                    #expect(response.status == 200)
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }

        #expect(bodies.count == 50)
        for (index, body) in bodies { #expect(body == "/item/\(index)") }
        let stats = transport.stats
        #expect(stats.requestsSent == 50)
        #expect(stats.transportErrors == 0)
        #expect(stats.connectionsOpened <= 8)
        #expect(stats.connectionsOpened == server.acceptedConnections)
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try CurlTransportTestServer { _ in .respond(CurlTestResponse(body: Data("ok".utf8))) }
        defer { server.stop() }
        let transport = CurlTransport()  // 16 lanes: the idle stack hands back the warm one

        for _ in 0..<2 {
            let response = try await transport.send(HTTPClientRequest(method: .get, url: server.url("/")))
            #expect(response.status == 200)
        }
        #expect(transport.stats == CurlTransportStats(requestsSent: 2, connectionsOpened: 1, transportErrors: 0))
        #expect(server.acceptedConnections == 1)
    }

    @Test func aLaneRecoversAfterTheServerDropsItsConnection() async throws {
        let server = try CurlTransportTestServer { request in
            request.target == "/drop" ? .closeWithoutAnswer : .respond(CurlTestResponse(body: Data("ok".utf8)))
        }
        defer { server.stop() }
        let transport = CurlTransport(maxConnections: 1)

        #expect(try await transport.send(HTTPClientRequest(method: .get, url: server.url("/"))).status == 200)
        await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPClientRequest(method: .get, url: server.url("/drop")))
        }
        #expect(try await transport.send(HTTPClientRequest(method: .get, url: server.url("/"))).status == 200)
        #expect(transport.stats.requestsSent == 3)
        #expect(transport.stats.transportErrors == 1)
        // libcurl retries once, on a fresh connection, when a reused connection dies before any byte
        // of the response arrived: the server sees "/drop" twice and three connections in all.
        #expect(server.receivedRequests.map(\.target) == ["/", "/drop", "/drop", "/"])
        #expect(transport.stats.connectionsOpened == 3)
        #expect(server.acceptedConnections == 3)
    }
}
