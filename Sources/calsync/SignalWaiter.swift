@preconcurrency import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for SIGTERM or SIGINT with Dispatch signal sources (created off the main actor, see
/// notes/swift-on-linux.md), so the process can drain and exit 0.
enum SignalWaiter {
    static func wait() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            install(continuation)
        }
    }

    /// What to do on a further SIGTERM or SIGINT after `wait()` returned (e.g. stop sooner).
    static func whenSignalledAgain(_ handler: @escaping @Sendable (Int32) -> Void) {
        Retained.queue.sync { Retained.box?.again = handler }
    }

    private static func install(_ continuation: CheckedContinuation<Int32, Never>) {
        let queue = Retained.queue
        let once = OnceBox(continuation)
        queue.sync { Retained.box = once }
        for signo in [SIGTERM, SIGINT] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
            source.setEventHandler { @Sendable in once.resume(signo) }
            source.resume()
            Retained.sources.append(source)
        }
    }

    /// Resumes the continuation once, whichever signal comes first; later signals go to `again`. Guarded by the
    /// signal queue.
    private final class OnceBox: @unchecked Sendable {
        var continuation: CheckedContinuation<Int32, Never>?
        var again: (@Sendable (Int32) -> Void)?
        init(_ c: CheckedContinuation<Int32, Never>) { continuation = c }
        func resume(_ signo: Int32) {
            if let continuation {
                continuation.resume(returning: signo)
                self.continuation = nil
            } else {
                again?(signo)
            }
        }
    }

    /// Signal sources must stay alive for the life of the process.
    private enum Retained {
        nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
        static let queue = DispatchQueue(label: "calsync.signals")
        /// Set and read on `queue` only.
        nonisolated(unsafe) static var box: OnceBox?
    }
}
