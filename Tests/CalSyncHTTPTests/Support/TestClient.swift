import Foundation
import Glibc

/// A response as read off the wire by `TestClient`.
struct WireResponse: Sendable {
    var status: Int
    /// Lowercased names.
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct TestClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking raw-socket HTTP client for tests: writes exactly the bytes given, reads responses by
/// Content-Length. Every read times out (SO_RCVTIMEO), so a broken server fails a test instead of hanging it.
/// Use it off the Swift concurrency pool (see `onThread`).
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// `source`: the local IPv4 address to connect from (e.g. `127.0.0.2`, another loopback address).
    init(port: Int, host: String = "127.0.0.1", source: String? = nil, timeout: Double = 5) throws {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError(description: "socket: \(errno)") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, source, &local.sin_addr)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw TestClientError(description: "bind \(source): \(String(cString: strerror(errno)))") }
        }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            // No close here: a class whose stored properties are all set runs `deinit` when its init throws,
            // and `deinit` closes the descriptor (closing it twice could close another test's file or socket).
            let code = errno
            throw TestClientError(description: "connect: \(String(cString: strerror(code)))")
        }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError(description: "send: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Reads one response (a 100 Continue counts as one). `toHEAD`: a response to HEAD has no body.
    func readResponse(toHEAD: Bool = false) throws -> WireResponse {
        let headEnd = try readUntilHeadEnd()
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw TestClientError(description: "bad status line in \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = toHEAD ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard try fill() else { throw TestClientError(description: "EOF inside a body") }
        }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return WireResponse(status: status, headers: headers, body: body)
    }

    /// Reads until the server closes; true if it did (EOF or reset) before the read timeout.
    func waitForClose() -> Bool {
        while true {
            do {
                if try !fill() { return true }
            } catch {
                return (error as? TestClientError)?.description.contains("reset") ?? false
            }
        }
    }

    /// Bytes received but not parsed as a response.
    var unreadByteCount: Int { buffer.count }

    private func readUntilHeadEnd() throws -> Int {
        let marker = Array("\r\n\r\n".utf8)
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for i in searchFrom...(buffer.count - 4) where buffer[i..<(i + 4)].elementsEqual(marker) { return i }
                searchFrom = buffer.count - 3
            }
            guard try fill() else { throw TestClientError(description: "EOF before a response head") }
        }
    }

    /// One recv; false on EOF.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        if n == 0 { return false }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK { throw TestClientError(description: "read timed out") }
        if code == ECONNRESET { throw TestClientError(description: "connection reset") }
        throw TestClientError(description: "recv: \(String(cString: strerror(code)))")
    }
}
