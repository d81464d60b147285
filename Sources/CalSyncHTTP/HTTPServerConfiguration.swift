import Foundation

/// Limits and timeouts of an `HTTPServer`. Every field has a production default; tests shrink them.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: IPv4 (`127.0.0.1`, `0.0.0.0`), IPv6 (`::1`, `::`) or a resolvable name.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free port (read it back from `start()` or `HTTPServer.port`).
    public var port: Int = 8080
    /// Request line plus header fields; beyond this the server answers 431 and closes.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Content-Length of a request body; beyond this the server answers 413 and closes.
    public var maxBodyBytes: Int = 1 << 20
    /// Seconds a client has to complete the request head once it started sending it (408 and close after).
    /// Also the time a fresh connection has to start its first request.
    public var headerTimeout: Double = 10
    /// Seconds a keep-alive connection may sit idle, a body may stall, or a response write may stall.
    public var idleTimeout: Double = 60
    /// Open connections. At the cap, a newcomer takes the slot of the connection that has waited longest for a
    /// request (idle, or still sending one: a slowloris client), which is closed; only when every connection is
    /// busy with a request or a response is the newcomer answered 503 and closed. The default follows the
    /// descriptor limit (`FileDescriptorLimit.defaultMaxConnections`): 576 for 1,024 descriptors, 16,384 at most.
    public var maxConnections: Int = FileDescriptorLimit.defaultMaxConnections()
    /// Open connections from one client address; one more is answered 503 and closed. 0: no cap.
    public var maxConnectionsPerAddress: Int = 64
    /// Client addresses the per-address cap does not apply to: IP addresses or CIDR prefixes (`10.0.0.5`,
    /// `10.0.0.0/8`, `fd00::/8`). Loopback by default: behind a reverse proxy every client has the proxy's address.
    public var maxConnectionsPerAddressExempt: [String] = ["127.0.0.0/8", "::1"]
    /// Serial queues that run the connections' I/O and their requests (each connection stays on one):
    /// one per core, at least two.
    public var loopCount: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// `listen(2)` backlog.
    public var backlog: Int = 1024

    public init() {}
}
