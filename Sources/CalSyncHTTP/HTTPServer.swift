import Foundation
import Synchronization

/// An HTTP/1.1 server on POSIX sockets and Dispatch: a non-blocking listening socket, connections
/// spread over a few serial event-loop queues, each request handed to the responder in a Task.
///
/// ```swift
/// let server = HTTPServer(configuration: config, responder: router)
/// let port = try server.start()
/// ...
/// await server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    private enum Phase {
        case idle
        case running(HTTPListener)
        case stopped
    }

    private struct State {
        var phase = Phase.idle
        var port = 0
    }

    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let loops: [HTTPEventLoop]
    private let registry: HTTPConnectionRegistry
    private let state = Mutex(State())

    /// With `metrics`, the server counts the connections it sheds or refuses
    /// (`calsync_http_connections_shed_total{reason}`) and keeps gauges of the open connections and the cap.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, metrics: MetricsRegistry? = nil) {
        self.configuration = configuration
        self.responder = responder
        loops = (0..<min(max(configuration.loopCount, 1), 64)).map { HTTPEventLoop(index: $0) }
        let limits = ConnectionAdmission.Limits(
            maxConnections: max(configuration.maxConnections, 1), maxPerAddress: max(configuration.maxConnectionsPerAddress, 0))
        registry = HTTPConnectionRegistry(
            limits: limits, exempt: configuration.maxConnectionsPerAddressExempt.compactMap(AddressPrefix.init),
            metrics: metrics)
    }

    deinit {
        if case .running(let listener) = state.withLock({ $0.phase }) {
            listener.cancel()
        }
    }

    /// The bound port once started (the one picked by the system when configured with port 0), else 0.
    public var port: Int {
        state.withLock { $0.port }
    }

    /// The number of open connections (including those being answered 503 or shed).
    public var connectionCount: Int {
        registry.count
    }

    /// Binds and starts accepting; returns the bound port (useful with port 0).
    /// - Throws: `HTTPServerError` (`.addressInUse`, `.invalidAddress`, `.bindFailed`, `.invalidState`); an entry of
    ///   `maxConnectionsPerAddressExempt` that is not an IP address or prefix is an `.invalidAddress`.
    public func start() throws -> Int {
        try state.withLock { state throws(HTTPServerError) -> Int in
            guard case .idle = state.phase else {
                throw HTTPServerError(.invalidState, "the server was already started")
            }
            if let bad = configuration.maxConnectionsPerAddressExempt.first(where: { AddressPrefix($0) == nil }) {
                throw HTTPServerError(
                    .invalidAddress, "maxConnectionsPerAddressExempt: \"\(bad)\" is not an IP address or prefix")
            }
            Socket.ignoreSIGPIPE()
            let (fd, port) = try Socket.listen(
                host: configuration.host, port: configuration.port, backlog: Int32(clamping: configuration.backlog))
            let listener = HTTPListener(
                fd: fd, configuration: configuration, responder: responder, loops: loops, registry: registry)
            listener.start()
            state.phase = .running(listener)
            state.port = port
            return port
        }
    }

    /// Stops accepting, lets in-flight requests finish (up to `timeout` seconds), closes connections.
    /// Idle keep-alive connections close at once; busy ones after their response, sent with
    /// `Connection: close`. Safe to call more than once.
    public func shutdown(timeout: Double = 10) async {
        let listener: HTTPListener? = state.withLock { state in
            defer { state.phase = .stopped }
            if case .running(let listener) = state.phase { return listener }
            return nil
        }
        guard let listener else { return }
        await listener.stop()

        for connection in registry.snapshot() {
            connection.loop.queue.async { connection.beginShutdown() }
        }
        await waitForConnections(upTo: timeout)
        for connection in registry.snapshot() {
            connection.loop.queue.async { connection.forceClose() }
        }
        await waitForConnections(upTo: 2)
    }

    private func waitForConnections(upTo seconds: Double) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(max(0, min(seconds, 86_400)) * 1000))
        while registry.count > 0 && ContinuousClock.now < deadline {
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                return  // cancelled: stop waiting, the caller force-closes
            }
        }
    }
}
