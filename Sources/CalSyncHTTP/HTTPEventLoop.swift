import Dispatch

/// A serial queue that runs the I/O of many connections, and the receive buffer they share.
///
/// `@unchecked Sendable`: `readBuffer` is only read or written on `queue` (by the connections'
/// read handlers); `queue` itself is thread-safe and immutable.
final class HTTPEventLoop: @unchecked Sendable {
    let queue: DispatchQueue
    /// Scratch space for `recv`; its bytes are copied into the parser before the handler returns.
    let readBuffer: UnsafeMutableRawBufferPointer

    init(index: Int, bufferSize: Int = 64 * 1024) {
        queue = DispatchQueue(label: "calsync.http.loop.\(index)", qos: .userInitiated)
        readBuffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }
}
