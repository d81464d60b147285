import Dispatch

/// A `SerialExecutor` that runs an actor's jobs on a private serial `DispatchQueue`.
///
/// GRDB's `DispatchQueueActor` uses `DispatchSerialQueue`, which swift-corelibs-libdispatch does not have on
/// Linux (checked with Swift 6.3.1), so this is the small portable equivalent. Blocking SQLite work then runs
/// on this queue's thread and never on the 2-thread cooperative pool.
final class DispatchQueueExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the only stored property is an immutable, thread-safe DispatchQueue.
    let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets `assumeIsolated` / `preconditionIsolated` succeed for code already running on the queue.
    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
