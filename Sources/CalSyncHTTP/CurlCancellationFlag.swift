import Foundation

/// Set by a task's cancellation handler, polled by libcurl's progress callback on a lane queue,
/// which then aborts the transfer (`CURLE_ABORTED_BY_CALLBACK`).
final class CurlCancellationFlag: @unchecked Sendable {
    // `cancelled` is guarded by `lock`: written from any thread, read on the lane queue.
    private let lock = NSLock()
    private var cancelled = false

    var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    func cancel() {
        lock.withLock { cancelled = true }
    }
}
