import Dispatch
import Foundation

/// One accepted TCP connection: reads bytes into an `HTTPRequestParser`, hands each request to the
/// responder in a Task on the connection's event loop, writes the responses in request order, and enforces the timeouts.
///
/// One request is processed at a time; pipelined bytes wait in the parser until the previous response
/// is written, which keeps responses in request order (RFC 9112 §9.3.2).
///
/// `@unchecked Sendable`: every mutable property is confined to `loop.queue`. Every entry point
/// (source handlers, `start`, `beginShutdown`, `forceClose`, responder completions) runs on that queue.
final class HTTPConnection: @unchecked Sendable {
    enum Phase {
        /// Reading and answering requests.
        case open
        /// A final response (error, `Connection: close`) is being flushed; input is discarded.
        case closing
        /// Write side shut down; input is discarded until the peer closes or the linger time ends, so
        /// that unread input does not turn the close into a reset that destroys the last response.
        case lingering
        case closed
    }

    let id: Int
    let fd: Int32
    let loop: HTTPEventLoop
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let registry: HTTPConnectionRegistry
    /// Set for a connection over the limit: it only sends this response (503) and closes.
    let rejection: HTTPResponse?
    /// What responders see of this connection (`HTTPRequest.connection`), the same object for each of its requests.
    let context = HTTPConnectionContext()

    // MARK: State, on `loop.queue` only

    var phase = Phase.open
    var parser: HTTPRequestParser
    var readSource: DispatchSourceRead?
    var readPaused = false
    var readEOF = false
    var writeSource: DispatchSourceWrite?
    var writeSuspended = false
    var timer: DispatchSourceTimer?
    /// Read and write sources not yet cancelled; the descriptor is closed when this drops to zero.
    var liveSources = 0
    /// A request is with the responder.
    var busy = false
    /// The server is shutting down: finish the current request, then close.
    var draining = false
    var requestsServed = 0
    /// The activity the registry was last told of; a new connection starts idle there.
    var publishedActivity = ConnectionAdmission.Activity.idle
    var outbound: [UInt8] = []
    var outboundOffset = 0

    // Times in `DispatchTime` uptime nanoseconds.
    let openedAt: UInt64
    var lastActivity: UInt64
    var headStart: UInt64?
    var lingerDeadline: UInt64 = 0
    var timerArmedAt = UInt64.max

    init(
        id: Int, fd: Int32, remoteAddress: String, loop: HTTPEventLoop, configuration: HTTPServerConfiguration,
        responder: any HTTPResponder, registry: HTTPConnectionRegistry, rejection: HTTPResponse? = nil
    ) {
        self.id = id
        self.fd = fd
        self.loop = loop
        self.configuration = configuration
        self.responder = responder
        self.registry = registry
        self.rejection = rejection
        parser = HTTPRequestParser(
            maxHeaderBytes: configuration.maxHeaderBytes, maxBodyBytes: configuration.maxBodyBytes,
            remoteAddress: remoteAddress)
        openedAt = Self.now()
        lastActivity = openedAt
    }

    /// Installs the sources. Call on `loop.queue`.
    func start() {
        let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: loop.queue)
        read.setEventHandler { [self] in onReadable() }
        read.setCancelHandler { [self] in sourceCancelled() }
        readSource = read
        liveSources += 1
        let timer = DispatchSource.makeTimerSource(queue: loop.queue)
        timer.setEventHandler { [self] in onTimer() }
        self.timer = timer
        timer.resume()
        read.resume()
        if let rejection {
            phase = .closing
            send(HTTPResponseWriter.serialize(rejection, isHEAD: false, keepAlive: false, isHTTP10: false))
            if phase == .closing && !hasPendingOutput { finishClosing() }
        }
        updateTimer()
    }

    /// Server shutdown: close now if idle, else after the response in progress. Call on `loop.queue`.
    func beginShutdown() {
        draining = true
        if phase == .open && !busy && !hasPendingOutput { closeNow() }
    }

    /// Server shutdown timed out: close whatever the state. Call on `loop.queue`.
    func forceClose() {
        closeNow()
    }

    // MARK: - Reading

    private func onReadable() {
        guard phase != .closed else { return }
        var total = 0
        reading: while total < 256 * 1024 {
            switch Socket.receive(fd, into: loop.readBuffer) {
            case .done(let count):
                total += count
                if phase == .open { parser.feed(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count])) }
                if count < loop.readBuffer.count { break reading }
            case .wouldBlock:
                break reading
            case .closed:
                readEOF = true
                pauseReading()
                break reading
            case .failed:
                closeNow()
                return
            }
        }
        if total > 0 { lastActivity = Self.now() }
        switch phase {
        case .open:
            processRequests()
            // While the responder works, pipelined bytes pile up: stop reading past one full request.
            let limit = configuration.maxHeaderBytes + configuration.maxBodyBytes + 64 * 1024
            if phase == .open && parser.bufferedByteCount > limit { pauseReading() }
        case .lingering:
            if readEOF { closeNow() }
        case .closing, .closed:
            break
        }
        updateTimer()
    }

    func pauseReading() {
        guard !readPaused, let readSource else { return }
        readSource.suspend()
        readPaused = true
    }

    func resumeReading() {
        guard readPaused, !readEOF, let readSource else { return }
        readSource.resume()
        readPaused = false
    }

    // MARK: - Requests

    /// Answers buffered requests one at a time, while no response is in progress.
    func processRequests() {
        while phase == .open && !busy && !hasPendingOutput {
            if draining {
                closeNow()
                return
            }
            switch parser.next() {
            case .needMore:
                if readEOF {
                    closeNow()
                } else {
                    resumeReading()
                }
                return
            case .expectContinue:
                send(HTTPResponseWriter.continueBytes)
            case .error(let status, let code, let message):
                fail(status, code: code, message: message)
                return
            case .request(let request):
                dispatch(request)
            }
        }
    }

    private func dispatch(_ request: HTTPRequest) {
        var request = request
        request.connection = context
        busy = true
        headStart = nil
        let keepAlive = parser.keepAlive
        let isHTTP10 = parser.isHTTP10
        let isHEAD = request.method == .head
        let responder = self.responder
        // On the loop's own executor: the task starts on this queue and, being nonisolated, comes back to it
        // after any hop the responder makes, so it completes here without another dispatch.
        Task(executorPreference: loop) {
            let response = await responder.respond(to: request)
            dispatchPrecondition(condition: .onQueue(self.loop.queue))
            self.complete(response, isHEAD: isHEAD, keepAlive: keepAlive, isHTTP10: isHTTP10)
        }
    }

    private func complete(_ response: HTTPResponse, isHEAD: Bool, keepAlive: Bool, isHTTP10: Bool) {
        guard phase == .open else { return }  // closed by a timeout or a forced shutdown meanwhile
        if response.dropsConnection {  // test-only fault injection: close without writing anything
            closeNow()
            return
        }
        busy = false
        requestsServed += 1
        headStart = nil
        let keep = keepAlive && !draining && !HTTPResponseWriter.asksToClose(response)
        // Just before the bytes go out: a client on another thread may read them before this thread runs on.
        response.onDelivered?()
        send(HTTPResponseWriter.serialize(response, isHEAD: isHEAD, keepAlive: keep, isHTTP10: isHTTP10))
        if phase == .open {
            if keep {
                processRequests()
            } else {
                phase = .closing
                if !hasPendingOutput { finishClosing() }
            }
        }
        updateTimer()
    }

    /// Answers with a server error (JSON body) and closes.
    func fail(_ status: Int, code: String, message: String) {
        phase = .closing
        let response = HTTPResponse.serverError(status, code: code, message: message)
        send(HTTPResponseWriter.serialize(response, isHEAD: false, keepAlive: false, isHTTP10: false))
        if phase == .closing && !hasPendingOutput { finishClosing() }
    }

    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
