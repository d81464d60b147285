import Foundation
import Testing

@testable import CalSyncHTTP

/// The connection cap on real sockets: at the cap the connection waiting longest for a request is shed and the
/// newcomer served; one client address holds at most its share; what was shed is counted in the metrics.
@Suite struct ConnectionSheddingTests {
    @Test func atTheCapTheOldestIdleConnectionIsShedNotTheNewcomer() async throws {
        let metrics = MetricsRegistry()
        try await withServer(config { $0.maxConnections = 2 }, metrics: metrics) { server, port in
            let (answers, oldestClosed, secondStillServed, open) = try await onThread {
                let oldest = try TestClient(port: port)
                try oldest.send(rawGET("/first"))
                _ = try oldest.readResponse()
                let second = try TestClient(port: port)
                try second.send(rawGET("/second"))
                _ = try second.readResponse()
                let newcomer = try TestClient(port: port)
                try newcomer.send(rawGET("/newcomer"))
                let answer = try newcomer.readResponse()
                let closed = oldest.waitForClose()
                try second.send(rawGET("/again"))
                let again = try second.readResponse().text
                for _ in 0..<500 where server.connectionCount != 2 { usleep(10_000) }
                return ([answer.status], closed, again, server.connectionCount)
            }
            #expect(answers == [200])
            #expect(oldestClosed, "the connection idle the longest was closed")
            #expect(secondStillServed == "GET /again")
            #expect(metrics.counter("calsync_http_connections_shed_total", ["reason": "idle"]) == 1)
            #expect(metrics.counter("calsync_http_connections_shed_total", ["reason": "full"]) == 0)
            #expect(open == 2, "the newcomer and the second connection")
        }
    }

    @Test func aSlowRequestHeadIsShedForAFreshClient() async throws {
        let metrics = MetricsRegistry()
        try await withServer(config { $0.maxConnections = 2 }, metrics: metrics) { _, port in
            let (answer, slowClosed) = try await onThread {
                let slow = try TestClient(port: port)
                try slow.send("GET /never HTTP/1.1\r\nHost: x\r\nX-Slow: a")
                let busy = try TestClient(port: port)
                try busy.send(rawGET("/busy?delay=2000"))
                usleep(200_000)  // both heads reached the server: one waits for the rest, one is with the responder
                let newcomer = try TestClient(port: port)
                try newcomer.send(rawGET("/newcomer"))
                return (try newcomer.readResponse().text, slow.waitForClose())
            }
            #expect(answer == "GET /newcomer")
            #expect(slowClosed)
            #expect(metrics.counter("calsync_http_connections_shed_total", ["reason": "slow_request"]) == 1)
        }
    }

    @Test func oneAddressHoldsAtMostItsShare() async throws {
        let metrics = MetricsRegistry()
        let configuration = config {
            $0.maxConnectionsPerAddress = 3
            $0.maxConnectionsPerAddressExempt = []  // loopback counts here, as a remote client would
        }
        try await withServer(configuration, metrics: metrics) { server, port in
            let (answers, refused, closed, afterOneLeft) = try await onThread {
                var clients = try (0..<3).map { _ in try TestClient(port: port) }
                let refused = try TestClient(port: port).readResponse()
                let closed = (try? TestClient(port: port))?.waitForClose() ?? false
                var answers: [Int] = []
                for client in clients {
                    try client.send(rawGET("/mine"))
                    answers.append(try client.readResponse().status)
                }
                clients.removeFirst()  // closes it
                for _ in 0..<500 where server.connectionCount > 2 { usleep(10_000) }
                let next = try TestClient(port: port)
                try next.send(rawGET("/next"))
                return (answers, refused, closed, try next.readResponse().text)
            }
            #expect(answers == [200, 200, 200])
            #expect(refused.status == 503)
            #expect(refused.text.contains("too many open connections from your address"))
            #expect(closed)
            #expect(afterOneLeft == "GET /next")
            #expect(metrics.counter("calsync_http_connections_shed_total", ["reason": "per_address"]) == 2)
        }
    }

    @Test func loopbackIsExemptFromThePerAddressCapByDefault() async throws {
        try await withServer(config { $0.maxConnectionsPerAddress = 2 }) { _, port in
            let texts = try await onThread {
                let clients = try (0..<6).map { _ in try TestClient(port: port) }
                return try clients.enumerated().map { index, client in
                    try client.send(rawGET("/c\(index)"))
                    return try client.readResponse().text
                }
            }
            #expect(texts == (0..<6).map { "GET /c\($0)" })
        }
    }

    @Test func theMetricsShowTheCapAndTheOpenConnections() async throws {
        let metrics = MetricsRegistry()
        try await withServer(config { $0.maxConnections = 7 }, metrics: metrics) { _, port in
            let text = try await onThread {
                let client = try TestClient(port: port)
                try client.send(rawGET("/"))
                _ = try client.readResponse()
                return metrics.render()
            }
            #expect(text.contains("calsync_http_max_connections 7\n"))
            #expect(text.contains("calsync_http_open_connections 1\n"))
            #expect(text.contains("# TYPE calsync_http_connections_shed_total counter"))
            for reason in ["full", "idle", "per_address", "slow_request"] {
                #expect(text.contains("calsync_http_connections_shed_total{reason=\"\(reason)\"} 0\n"))
            }
        }
        #expect(metrics.render().contains("calsync_http_open_connections 0\n"))
    }

    @Test func anExemptionThatIsNotAnAddressIsRefusedAtStart() throws {
        let server = HTTPServer(
            configuration: config { $0.maxConnectionsPerAddressExempt = ["proxy.local"] }, responder: echoResponder)
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.kind == .invalidAddress)
        #expect(error?.message.contains("proxy.local") == true)
    }
}
