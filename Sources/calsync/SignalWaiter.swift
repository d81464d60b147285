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

    private static func install(_ continuation: CheckedContinuation<Int32, Never>) {
        let queue = DispatchQueue(label: "calsync.signals")
        let once = OnceBox(continuation)
        for signo in [SIGTERM, SIGINT] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
            source.setEventHandler { @Sendable in once.resume(signo) }
            source.resume()
            Retained.sources.append(source)
        }
    }

    /// Resumes the continuation once, whichever signal comes first. Guarded by the signal queue.
    private final class OnceBox: @unchecked Sendable {
        var continuation: CheckedContinuation<Int32, Never>?
        init(_ c: CheckedContinuation<Int32, Never>) { continuation = c }
        func resume(_ signo: Int32) {
            continuation?.resume(returning: signo)
            continuation = nil
        }
    }

    /// Signal sources must stay alive for the life of the process.
    private enum Retained {
        nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    }
}
