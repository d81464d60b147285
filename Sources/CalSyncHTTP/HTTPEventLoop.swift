import Dispatch

/// A serial queue that runs the I/O of many connections, the receive buffer they share, and the task
/// executor their requests run on.
///
/// As a `TaskExecutor`, the loop runs each request's task on its own queue: a responder that does not
/// suspend (a health check, an availability read on the reader lanes) answers without leaving the loop's
/// thread, so a request costs no thread wake-ups at all. A responder that awaits an actor hops there and
/// back as usual; the loop serves other connections meanwhile.
///
/// `@unchecked Sendable`: `readBuffer` is only read or written on `queue` (by the connections'
/// read handlers); `queue` itself is thread-safe and immutable.
final class HTTPEventLoop: TaskExecutor, @unchecked Sendable {
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

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
