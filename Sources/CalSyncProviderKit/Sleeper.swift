/// Suspends the calling task for a while. Injected wherever an adapter waits (Retry-After, backoff) so tests can
/// record the waits instead of sleeping.
public protocol Sleeper: Sendable {
    /// Suspends for `seconds` (a non-positive value returns at once). Throws `CancellationError`
    /// when the task is cancelled while waiting.
    func sleep(seconds: Double) async throws
}
