import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request as the test server parsed it.
struct CurlTestRequest: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A canned HTTP/1.1 response.
struct CurlTestResponse: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: Data = Data()
    /// Send `HTTP/1.1 100 Continue` (with a field of its own) before the final response.
    var interimContinue = false
}

/// What the test server does with a request.
enum CurlTestAction: Sendable {
    case respond(CurlTestResponse)
    /// Sleep, then respond (to provoke client timeouts).
    case respondAfter(seconds: Double, CurlTestResponse)
    /// Close the connection without writing anything.
    case closeWithoutAnswer
    /// Promise `Content-Length: 100`, send `prefix`, then close.
    case truncate(prefix: String)
}

/// A minimal blocking POSIX-socket HTTP/1.1 server on 127.0.0.1 for transport tests: one thread
/// accepting, one thread per connection, keep-alive until the client closes.
final class CurlTransportTestServer: Sendable {
    let port: Int
    private let listenFD: Int32
    private let handler: @Sendable (CurlTestRequest) -> CurlTestAction

    private struct State {
        var accepted = 0
        var requests: [CurlTestRequest] = []
        var openFDs: Set<Int32> = []
        var stopped = false
    }

    private let state = Mutex(State())

    init(handler: @escaping @Sendable (CurlTestRequest) -> CurlTestAction) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        self.listenFD = fd
        self.port = Self.boundPort(fd)
        self.handler = handler
        state.withLock { _ = $0.openFDs.insert(fd) }
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    var acceptedConnections: Int { state.withLock { $0.accepted } }
    var receivedRequests: [CurlTestRequest] { state.withLock { $0.requests } }

    func url(_ path: String = "/") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Wakes every blocked thread; each closes its own descriptor.
    func stop() {
        state.withLock { state in
            state.stopped = true
            for fd in state.openFDs { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// A port nothing listens on: bound, then closed.
    static func unusedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: 0)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let port = boundPort(fd)
        close(fd)
        return port
    }

    // MARK: - Threads

    private func acceptLoop() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            let keep: Bool = state.withLock { state in
                guard !state.stopped else { return false }
                state.accepted += 1
                state.openFDs.insert(client)
                return true
            }
            guard keep else {
                close(client)
                break
            }
            Thread.detachNewThread { [self] in serve(client) }
        }
        closeOwned(listenFD)
    }

    private func serve(_ fd: Int32) {
        defer { closeOwned(fd) }
        var buffer = [UInt8]()
        while let request = readRequest(fd, buffer: &buffer) {
            state.withLock { $0.requests.append(request) }
            switch handler(request) {
            case .respond(let response):
                write(fd, Self.serialize(response, head: request.method == "HEAD"))
            case .respondAfter(let seconds, let response):
                usleep(useconds_t(seconds * 1_000_000))
                write(fd, Self.serialize(response, head: request.method == "HEAD"))
            case .closeWithoutAnswer:
                return
            case .truncate(let prefix):
                write(fd, Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n\(prefix)".utf8))
                return
            }
        }
    }

    private func closeOwned(_ fd: Int32) {
        state.withLock { state in
            state.openFDs.remove(fd)
            close(fd)
        }
    }

    // MARK: - Wire format

    /// Reads one request (head, then a Content-Length body); nil when the peer closed.
    private func readRequest(_ fd: Int32, buffer: inout [UInt8]) -> CurlTestRequest? {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if let end = Self.find(separator, in: buffer) {
                headEnd = end
                break
            }
            guard fill(fd, &buffer) else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        let headers: [(name: String, value: String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = headEnd + separator.count
        while buffer.count < bodyStart + length {
            guard fill(fd, &buffer) else { return nil }
        }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return CurlTestRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    private static func serialize(_ response: CurlTestResponse, head: Bool) -> [UInt8] {
        var text = ""
        if response.interimContinue { text += "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n" }
        text += "HTTP/1.1 \(response.status) Status\r\nContent-Length: \(response.body.count)\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + (head ? [] : Array(response.body))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
