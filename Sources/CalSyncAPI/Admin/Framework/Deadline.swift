import Synchronization

/// Waits for some work at most so long: `await Deadline.run(seconds: 30) { … }` answers the work's result, or nil
/// when the time was up first (the work then finishes in the background, unheeded). Nothing blocks a thread.
enum Deadline {
    static func run<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async -> T) async -> T? {
        let outcome = Outcome<T>()
        return await withCheckedContinuation { continuation in
            outcome.wait(continuation)
            let timer = Task {
                try? await Task.sleep(for: .seconds(seconds))
                if !Task.isCancelled { outcome.finish(nil) }
            }
            Task {
                let value = await body()
                timer.cancel()
                outcome.finish(value)
            }
        }
    }

    /// Resumes the waiting caller once, with whichever answer comes first.
    final class Outcome<T: Sendable>: Sendable {
        private let waiting = Mutex<CheckedContinuation<T?, Never>?>(nil)

        func wait(_ continuation: CheckedContinuation<T?, Never>) { waiting.withLock { $0 = continuation } }

        func finish(_ value: T?) {
            let continuation = waiting.withLock { state -> CheckedContinuation<T?, Never>? in
                defer { state = nil }
                return state
            }
            continuation?.resume(returning: value)
        }
    }
}
