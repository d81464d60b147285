import CalSyncHTTP
import CalSyncTesting
import Foundation
import Glibc
import Testing

/// The issue's attack: 3,000 connections held open against the server (a third sending a request head that never
/// ends, the rest sending nothing, each one reopened when the server closes it) while a well-behaved client asks
/// for 200 answers. Timeouts are long, so only shedding can make room.
@Suite(.serialized) struct ConnectionFloodTests {
    @Test func aWellBehavedClientIsServedThroughThreeThousandHostileConnections() async throws {
        try raiseDescriptorLimit(atLeast: 8_192)
        var serverPort = 0
        let configuration = config {
            $0.maxConnections = 512
            $0.headerTimeout = 60
            $0.idleTimeout = 60
        }
        let metrics = MetricsRegistry()
        try await withServer(configuration, metrics: metrics) { server, port in
            serverPort = port
            let crowd = HostileClients(port: port, idle: 2_000, slow: 1_000)
            crowd.start()
            // The crowd opened its 3,000 connections and reopens those the server sheds: the flood goes on.
            try await eventually(seconds: 30) { crowd.connected.load(ordering: .relaxed) >= 4_000 }
            #expect(crowd.connected.load(ordering: .relaxed) >= 4_000, "the crowd opened its 3,000 connections and more")

            let outcome = try await onThread { WellBehavedClient.run(port: port, requests: 200) }
            let peak = server.connectionCount
            let connections = crowd.connected.load(ordering: .relaxed)
            let hostileOpen = crowd.open.load(ordering: .relaxed)
            await crowd.stop()
            let shed = { (reason: String) in metrics.counter("calsync_http_connections_shed_total", ["reason": reason]) }
            print(
                "flood: \(outcome.answers) answers (\(outcome.retries) retried on a new connection), median \(outcome.median) s, "
                    + "slowest \(outcome.slowest) s; \(connections) hostile connections opened, \(hostileOpen) open at the end; "
                    + "shed: idle \(shed("idle")), slow_request \(shed("slow_request")), full \(shed("full"))")

            #expect(outcome.failures.count == 0, "first failures: \(outcome.failures.prefix(5))")
            #expect(outcome.answers == 200)
            #expect(outcome.retries < 50, "the kept-alive connection served some requests itself")
            #expect(outcome.slowest < 3, "slowest answer \(outcome.slowest) s, median \(outcome.median) s")
            #expect(crowd.closedByServer.load(ordering: .relaxed) > 3_000, "the server shed hostile connections")
            #expect(peak <= 512 + 64 + 64, "open connections stay bounded: \(peak)")
            #expect(shed("idle") > 1_000 && shed("slow_request") > 100, "the sheds are counted by reason")
            #expect(shed("full") == 0, "no newcomer was refused")
            try await eventually(seconds: 10) { server.connectionCount == 0 }
            #expect(server.connectionCount == 0, "every connection closed once the crowd left")
        }
        try await eventually(seconds: 5) { openSockets(port: serverPort) == 0 }
        #expect(openSockets(port: serverPort) == 0, "no descriptor leaked, on the server's side or the clients'")
    }

    /// The leak check above counts what it should: both ends of each connection and the listening socket.
    @Test func openSocketsCountsBothEndsOfEachConnection() async throws {
        var serverPort = 0
        try await withServer { server, port in
            serverPort = port
            let (held, afterClose) = try await onThread {
                var clients = try (0..<3).map { _ in try TestClient(port: port) }
                for client in clients {
                    try client.send(rawGET("/"))
                    _ = try client.readResponse()
                }
                let held = openSockets(port: port)
                clients.removeAll()
                for _ in 0..<500 where server.connectionCount > 0 { usleep(10_000) }
                return (held, openSockets(port: port))
            }
            #expect(held == 3 + 3 + 1)
            #expect(afterClose == 1)
        }
        #expect(openSockets(port: serverPort) == 0)
    }

    /// The same crowd from one address that is not exempt (loopback made to count): it holds only its share, 64
    /// connections, the others are refused at once, and a client from another address is served without even a
    /// kept-alive connection being closed.
    @Test func oneAddressHoldsOnlyItsShareWhileAnotherIsServed() async throws {
        try raiseDescriptorLimit(atLeast: 8_192)
        let configuration = config {
            $0.maxConnections = 512
            $0.maxConnectionsPerAddress = 64
            $0.maxConnectionsPerAddressExempt = []
            $0.headerTimeout = 60
            $0.idleTimeout = 60
        }
        let metrics = MetricsRegistry()
        var serverPort = 0
        try await withServer(configuration, metrics: metrics) { server, port in
            serverPort = port
            let crowd = HostileClients(port: port, idle: 2_000, slow: 1_000)
            crowd.start()
            try await eventually(seconds: 30) { crowd.connected.load(ordering: .relaxed) >= 4_000 }
            let outcome = try await onThread { WellBehavedClient.run(port: port, requests: 100, source: "127.0.0.2") }
            let peak = server.connectionCount
            await crowd.stop()

            #expect(outcome.failures.count == 0, "first failures: \(outcome.failures.prefix(5))")
            #expect(outcome.answers == 100)
            #expect(outcome.retries == 0, "nothing was shed: the kept-alive connection stayed open")
            let shed = { (reason: String) in metrics.counter("calsync_http_connections_shed_total", ["reason": reason]) }
            #expect(shed("per_address") > 1_000)
            #expect(shed("idle") + shed("slow_request") + shed("full") == 0)
            #expect(peak <= 64 + 64 + 2, "the address's share, the refusals in progress, the client: \(peak)")
            try await eventually(seconds: 10) { server.connectionCount == 0 }
            #expect(server.connectionCount == 0)
        }
        try await eventually(seconds: 5) { openSockets(port: serverPort) == 0 }
        #expect(openSockets(port: serverPort) == 0)
    }
}

/// Requests one after the other, 10 ms apart: three in four on a new connection each, the others on one
/// keep-alive connection. Each must be answered 200 with its own path. Like any HTTP client, it sends a request again
/// on a new connection when the server closed the kept-alive one before answering (RFC 9112 §9.3.1: the server may
/// close an idle connection at any time); such retries are counted.
enum WellBehavedClient {
    struct Outcome: Sendable {
        var answers = 0
        var failures: [String] = []
        var latencies: [Double] = []
        /// Requests sent again because the kept-alive connection was closed before they were answered.
        var retries = 0
        var slowest: Double { latencies.max() ?? 0 }
        var median: Double { latencies.isEmpty ? 0 : latencies.sorted()[latencies.count / 2] }
    }

    /// `source`: the local address to connect from (default 127.0.0.1).
    static func run(port: Int, requests: Int, source: String? = nil) -> Outcome {
        var outcome = Outcome()
        var kept: TestClient?
        for index in 0..<requests {
            let started = DispatchTime.now().uptimeNanoseconds
            let path = "/ok/\(index)"
            do {
                let response: WireResponse
                if index % 4 != 3 {
                    response = try ask(TestClient(port: port, source: source), path)
                } else if let reused = kept, let answer = try? ask(reused, path) {
                    response = answer
                } else {
                    if kept != nil { outcome.retries += 1 }
                    kept = try TestClient(port: port, source: source)
                    response = try ask(kept!, path)
                }
                if response.status == 200 && response.text == "GET \(path)" {
                    outcome.answers += 1
                } else {
                    outcome.failures.append("\(path): \(response.status) \(response.text)")
                }
            } catch {
                outcome.failures.append("\(path): \(error)")
            }
            outcome.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            usleep(10_000)
        }
        return outcome
    }

    private static func ask(_ client: TestClient, _ path: String) throws -> WireResponse {
        try client.send(rawGET(path))
        return try client.readResponse()
    }
}

/// Polls `condition` every 10 ms until it holds, for at least `seconds` and at least as many polls (`eventually`).
func eventually(seconds: Double, _ condition: () -> Bool) async throws {
    _ = await CalSyncTesting.eventually(within: seconds, polls: Int(seconds * 100), every: .milliseconds(10), condition)
}

/// Raises this process's soft descriptor limit to the hard one; throws if that is still below `needed`.
func raiseDescriptorLimit(atLeast needed: Int) throws {
    let soft = FileDescriptorLimit.raiseSoftLimit()
    guard soft >= needed else {
        throw TestClientError(description: "the test needs \(needed) descriptors; the limit is \(soft)")
    }
}

/// Descriptors of this process on TCP connections to or from `port` on IPv4, the listening socket included: every
/// descriptor of /proc/self/fd whose own address or peer's has that port (other tests' sockets do not count).
func openSockets(port: Int) -> Int {
    let descriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    return descriptors.filter { socketPort($0, peer: false) == port || socketPort($0, peer: true) == port }.count
}

/// The IPv4 port of a socket's own address (or its peer's); nil for anything else.
private func socketPort(_ fd: Int32, peer: Bool) -> Int? {
    var storage = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let status = withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            peer ? getpeername(fd, $0, &length) : getsockname(fd, $0, &length)
        }
    }
    guard status == 0, storage.sin_family == sa_family_t(AF_INET) else { return nil }
    return Int(UInt16(bigEndian: storage.sin_port))
}
