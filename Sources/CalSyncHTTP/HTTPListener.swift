import Dispatch
import Glibc

/// The listening socket: accepts connections, applies the registry's admission decisions (accept, shed the
/// connection waiting longest for a request, refuse), and spreads the connections over the event loops round-robin.
///
/// `@unchecked Sendable`: `source`, `acceptPaused`, `nextID` and `nextLoop` are confined to `queue`
/// (the accept queue); everything else is immutable.
final class HTTPListener: @unchecked Sendable {
    let fd: Int32
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let loops: [HTTPEventLoop]
    private let registry: HTTPConnectionRegistry
    private let queue = DispatchQueue(label: "calsync.http.accept", qos: .userInitiated)
    private var source: DispatchSourceRead?
    private var acceptPaused = false
    private var nextID = 0
    private var nextLoop = 0

    init(
        fd: Int32, configuration: HTTPServerConfiguration, responder: any HTTPResponder, loops: [HTTPEventLoop],
        registry: HTTPConnectionRegistry
    ) {
        self.fd = fd
        self.configuration = configuration
        self.responder = responder
        self.loops = loops
        self.registry = registry
    }

    func start() {
        queue.async { [self] in
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [self] in acceptAll() }
            source.setCancelHandler { [fd] in Socket.close(fd) }
            self.source = source
            source.resume()
        }
    }

    /// Stops accepting and closes the listening socket; returns once no accept can happen any more.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                guard let source else { return continuation.resume() }
                source.setCancelHandler { [fd] in
                    Socket.close(fd)
                    continuation.resume()
                }
                source.cancel()
                if acceptPaused {
                    source.resume()
                    acceptPaused = false
                }
                self.source = nil
            }
        }
    }

    /// Stops accepting without waiting (used when the server is released without `shutdown`).
    func cancel() {
        queue.async { [self] in
            source?.cancel()
            if acceptPaused {
                source?.resume()
                acceptPaused = false
            }
            source = nil
        }
    }

    private func acceptAll() {
        while true {
            if registry.isSheddingBacklogFull {
                // The loops are still closing connections shed for earlier newcomers: let them catch up instead of
                // holding more descriptors (the backlog keeps the newcomers meanwhile).
                pauseAccepting(for: 0.002)
                return
            }
            let (result, connectionFD, address) = Socket.accept(fd)
            switch result {
            case .done:
                admit(connectionFD, address: address)
            case .wouldBlock, .closed:
                return
            case .failed(let code) where code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM:
                // Out of descriptors: the backlog stays readable, so pause instead of spinning.
                pauseAccepting(for: 0.1)
                return
            case .failed:
                continue  // ECONNABORTED, EPROTO...: that one connection is gone, try the next.
            }
        }
    }

    private func admit(_ connectionFD: Int32, address: String) {
        nextID += 1
        let (decision, victim) = registry.admit(nextID, address: address)
        let rejection: HTTPResponse?
        switch decision {
        case .accept, .acceptShedding:
            rejection = nil
        case .refuse(_, answer: false):
            Socket.close(connectionFD)
            return
        case .refuse(.perAddress, answer: true):
            rejection = .serverError(
                503, code: "service_unavailable", message: "too many open connections from your address; retry later")
        case .refuse(.full, answer: true):
            rejection = .serverError(503, code: "service_unavailable", message: "too many open connections; retry later")
        }
        Socket.setNoDelay(connectionFD)
        nextLoop = (nextLoop + 1) % loops.count
        let connection = HTTPConnection(
            id: nextID, fd: connectionFD, remoteAddress: address, loop: loops[nextLoop], configuration: configuration,
            responder: responder, registry: registry, rejection: rejection)
        registry.store(connection)
        connection.loop.queue.async { connection.start() }
        if let victim {
            // Closed at once if it still waits for a request; if a request arrived meanwhile, after its response.
            victim.loop.queue.async { victim.beginShutdown() }
        }
    }

    private func pauseAccepting(for seconds: Double) {
        guard let source, !acceptPaused else { return }
        source.suspend()
        acceptPaused = true
        queue.asyncAfter(deadline: .now() + seconds) { [self] in
            guard acceptPaused, let source = self.source else { return }
            source.resume()
            acceptPaused = false
        }
    }
}
