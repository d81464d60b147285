import Foundation
import Glibc
import Synchronization

/// A crowd of hostile connections to a test server, driven from one thread with `poll`: some connect and
/// send nothing, the others send a request head byte by byte that never ends (slowloris). A connection
/// the server closes is opened again after `reopenDelay`, so the crowd keeps trying to hold them all.
///
/// `@unchecked Sendable`: `slots` is confined to the crowd's thread; the figures are atomics.
final class HostileClients: @unchecked Sendable {
    private struct Slot {
        var fd: Int32 = -1
        var slow: Bool
        var connecting = false
        var reopenAt = 0.0
    }

    private let port: Int
    private let reopenDelay: Double
    private let byteInterval: Double
    private var slots: [Slot]
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    /// Connections established, first ones and reopened ones.
    let connected = Atomic<Int>(0)
    /// Connections the server closed (or reset).
    let closedByServer = Atomic<Int>(0)
    /// Connections established and not closed yet.
    let open = Atomic<Int>(0)

    init(port: Int, idle: Int, slow: Int, reopenDelay: Double = 0.5, byteInterval: Double = 0.1) {
        self.port = port
        self.reopenDelay = reopenDelay
        self.byteInterval = byteInterval
        let total = idle + slow
        // The slow ones spread evenly among the idle ones (every third when a third are slow).
        slots = (0..<total).map { index in Slot(slow: (index + 1) * slow / total > index * slow / total) }
    }

    /// Starts the crowd on its own thread.
    func start() {
        Thread.detachNewThread { [self] in run() }
    }

    /// Stops the crowd and closes every connection; returns once they are closed.
    func stop() async {
        stopped.store(true, ordering: .sequentiallyConsistent)
        while !finished.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
    }

    private func run() {
        var nextByte = Self.now()
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let now = Self.now()
            for index in slots.indices where slots[index].fd < 0 && slots[index].reopenAt <= now { connect(index) }
            var polls = slots.map { slot in
                pollfd(fd: slot.fd, events: Int16(slot.connecting ? POLLOUT : POLLIN), revents: 0)
            }
            _ = poll(&polls, nfds_t(polls.count), 20)
            for index in slots.indices where slots[index].fd >= 0 && polls[index].revents != 0 {
                slots[index].connecting ? finishConnecting(index) : drain(index)
            }
            if Self.now() >= nextByte {
                nextByte = Self.now() + byteInterval
                for index in slots.indices where slots[index].slow && slots[index].fd >= 0 && !slots[index].connecting {
                    if !send(index, "a") { closed(index) }
                }
            }
        }
        for index in slots.indices where slots[index].fd >= 0 {
            Glibc.close(slots[index].fd)
            if !slots[index].connecting { open.subtract(1, ordering: .relaxed) }
            slots[index].fd = -1
        }
        finished.withLock { $0 = true }
    }

    private func connect(_ index: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else {
            slots[index].reopenAt = Self.now() + reopenDelay
            return
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        slots[index].fd = fd
        if result == 0 {
            established(index)
        } else if errno == EINPROGRESS {
            slots[index].connecting = true
        } else {
            Glibc.close(fd)
            slots[index].fd = -1
            slots[index].reopenAt = Self.now() + reopenDelay
        }
    }

    private func finishConnecting(_ index: Int) {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(slots[index].fd, SOL_SOCKET, SO_ERROR, &error, &length)
        slots[index].connecting = false
        guard error == 0 else {
            Glibc.close(slots[index].fd)
            slots[index].fd = -1
            slots[index].reopenAt = Self.now() + reopenDelay
            return
        }
        established(index)
    }

    private func established(_ index: Int) {
        connected.add(1, ordering: .relaxed)
        open.add(1, ordering: .relaxed)
        if slots[index].slow && !send(index, "GET /never HTTP/1.1\r\nHost: hostile\r\nX-Slow: ") { closed(index) }
    }

    /// Reads whatever the server sent (a 503, a 408); end of stream or an error means the server closed it.
    private func drain(_ index: Int) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(slots[index].fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            return closed(index)
        }
    }

    private func send(_ index: Int, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.send(slots[index].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return n == bytes.count || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    }

    private func closed(_ index: Int) {
        Glibc.close(slots[index].fd)
        slots[index].fd = -1
        slots[index].reopenAt = Self.now() + reopenDelay
        closedByServer.add(1, ordering: .relaxed)
        open.subtract(1, ordering: .relaxed)
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
