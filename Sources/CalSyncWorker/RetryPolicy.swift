import CalSyncCore
import Foundation

/// When a failed push is tried again (docs/product-rules.md, reliability model): throttled writes are requeued
/// after Retry-After (or a backoff when none was given), for as long as it takes; transient failures
/// (5xx, timeouts, resets, unknown outcomes) back off exponentially with jitter for a bounded number
/// of attempts; anything else is an error an admin sees (and may retry).
enum RetryPolicy {
    /// Attempts before a transient failure becomes an error.
    static let maxTransientAttempts = 8
    /// The longest wait between two attempts.
    static let maxDelay: TimeInterval = 300

    static func requeueDelay(
        for error: CalendarError?, attempts: Int,
        random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) -> TimeInterval? {
        guard let error else { return nil }
        switch error.kind {
        case .throttled:
            return min(maxDelay, error.retryAfter ?? backoff(attempts: attempts, random: random))
        case .transient:
            guard attempts < maxTransientAttempts else { return nil }
            return max(error.retryAfter ?? 0, backoff(attempts: attempts, random: random))
        case .unauthorized:
            // A token refreshed once and still refused: try again a little later, a few times.
            return attempts < 3 ? backoff(attempts: attempts, random: random) : nil
        case .notFound, .cursorExpired, .credentialsRejected, .permissionMissing, .noCalendar, .invalidRequest, .configuration:
            return nil
        }
    }

    /// Exponential backoff with full jitter: uniform in [0.5, 1] × min(maxDelay, 1 s × 2^(attempts−1)).
    static func backoff(attempts: Int, random: (ClosedRange<Double>) -> Double) -> TimeInterval {
        let ceiling = min(maxDelay, pow(2, Double(max(0, attempts - 1))))
        return ceiling * random(0.5...1)
    }
}
