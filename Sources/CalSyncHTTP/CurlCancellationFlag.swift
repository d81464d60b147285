import Synchronization

/// Set by a task's cancellation handler, polled by libcurl's progress callback on a lane queue,
/// which then aborts the transfer (`CURLE_ABORTED_BY_CALLBACK`).
final class CurlCancellationFlag: Sendable {
    /// Written from any thread, read on the lane queue.
    private let cancelled = Atomic(false)

    var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }
}
