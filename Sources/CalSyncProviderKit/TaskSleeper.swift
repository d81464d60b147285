/// The real `Sleeper`: `Task.sleep`, which suspends without blocking a thread and is cancellable.
public struct TaskSleeper: Sleeper {
    public init() {}

    public func sleep(seconds: Double) async throws {
        guard seconds > 0, seconds.isFinite else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: .seconds(seconds))
    }
}
