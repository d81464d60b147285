import Glibc

/// The POSIX socket calls the server needs, quarantined in one place (as NIO does in `System.swift`).
/// Every function works on raw file descriptors; ownership stays with the caller.
enum Socket {
    /// The outcome of a non-blocking `recv`/`send`/`accept`.
    enum IOResult: Equatable {
        case done(Int)
        case wouldBlock
        case closed
        case failed(Int32)
    }

    /// Ignores SIGPIPE process-wide; sends also pass `MSG_NOSIGNAL`, this covers anything else.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Creates a non-blocking listening socket bound to `host:port` (IPv4 or IPv6, numeric or resolvable).
    /// Returns the descriptor and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        guard (0...65_535).contains(port) else {
            throw HTTPServerError(.invalidAddress, "port \(port) is out of range 0...65535")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw HTTPServerError(.invalidAddress, "cannot resolve host \"\(host)\": \(reason)")
        }
        defer { freeaddrinfo(list) }

        var lastErrno: Int32 = 0
        var lastCall = "socket"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                (lastErrno, lastCall) = (errno, "socket")
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                (lastErrno, lastCall) = (errno, "bind")
                _ = Glibc.close(fd)
                continue
            }
            guard Glibc.listen(fd, backlog) == 0, setNonBlocking(fd) else {
                (lastErrno, lastCall) = (errno, "listen")
                _ = Glibc.close(fd)
                continue
            }
            return (fd, boundPort(fd) ?? port)
        }
        let kind: HTTPServerError.Kind = lastErrno == EADDRINUSE ? .addressInUse : .bindFailed
        throw HTTPServerError(kind, "\(lastCall) \(host):\(port) failed: \(errorText(lastErrno))", errno: lastErrno)
    }

    /// Accepts one pending connection as a non-blocking descriptor, with the peer address as text.
    static func accept(_ listener: Int32) -> (result: IOResult, fd: Int32, address: String) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(listener, $0, &length)
            }
        }
        if fd >= 0 {
            // accept4 is not exported to Swift by Glibc's module map; set the flags afterwards.
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            guard setNonBlocking(fd) else {
                _ = Glibc.close(fd)
                return (.failed(errno), -1, "")
            }
            return (.done(0), fd, addressText(&storage))
        }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK { return (.wouldBlock, -1, "") }
        return (.failed(code), -1, "")
    }

    /// Disables Nagle's algorithm: responses go out as soon as they are written.
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    static func setNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let n = recv(fd, buffer.baseAddress, buffer.count, 0)
            if n > 0 { return .done(n) }
            if n == 0 { return .closed }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let n = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return .done(n) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            return .failed(code)
        }
    }

    /// Half-closes the connection: the peer sees EOF after the bytes already queued.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        return withUnsafePointer(to: &storage) { pointer -> Int? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                return nil
            }
        }
    }

    private static func addressText(_ storage: inout sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(storage.ss_family)
        let ok = withUnsafePointer(to: &storage) { pointer -> Bool in
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    var address = $0.pointee.sin_addr
                    return inet_ntop(AF_INET, &address, &text, socklen_t(text.count)) != nil
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var address = $0.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &address, &text, socklen_t(text.count)) != nil
                }
            default:
                return false
            }
        }
        guard ok else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
