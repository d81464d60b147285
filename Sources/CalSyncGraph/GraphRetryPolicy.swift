import CalSyncProviderKit
import Foundation

/// How `GraphClient` retries one logical call (docs/product-rules.md "Reliability model", docs/microsoft-365.md §7).
///
/// - 429 / 503: wait `Retry-After` (decimal seconds) — or, without one, exponential backoff with
///   full jitter — on the whole mailbox (`InFlightGate`), then resend; any method, since the
///   request was refused.
/// - Other retryable 5xx (500, 502, 504, …), timeouts and resets: exponential backoff with full
///   jitter, for idempotent methods only (GET, PUT, PATCH, DELETE). A POST is not resent: its
///   outcome is unknown (`CalendarError.outcomeUnknownCode`).
/// - At most `maxRetries` resends and `waitBudget` seconds of waiting per call; beyond that a
///   throttled call throws `.throttled` with `retryAfter`, so the caller requeues it.
public struct GraphRetryPolicy: Sendable {
    /// Resends after the first attempt (a 401 token refresh is not counted).
    public var maxRetries: Int
    /// Total seconds one call may spend waiting (Retry-After and backoff together).
    public var waitBudget: Double
    /// Backoff ceiling for the first retry; doubles each retry up to `backoffCap`.
    public var backoffBase: Double
    public var backoffCap: Double
    /// Jitter source.
    public var random: any RandomSource

    public init(
        maxRetries: Int = 4, waitBudget: Double = 30, backoffBase: Double = 0.5, backoffCap: Double = 8,
        random: any RandomSource = SystemRandomSource()
    ) {
        self.maxRetries = max(0, maxRetries)
        self.waitBudget = max(0, waitBudget)
        self.backoffBase = max(0, backoffBase)
        self.backoffCap = max(0, backoffCap)
        self.random = random
    }

    /// 4 retries, 30 s budget, backoff 0.5 s doubling to 8 s, system randomness.
    public static let standard = GraphRetryPolicy()
    /// Every failure is thrown at once (the caller does all retrying).
    public static let noRetries = GraphRetryPolicy(maxRetries: 0, waitBudget: 0)

    /// The upper bound of the backoff before retry number `retry` (0 for the first retry).
    public func backoffCeiling(retry: Int) -> Double {
        let exponent = Double(min(max(0, retry), 62))
        return min(backoffCap, backoffBase * pow(2, exponent))
    }

    /// Full jitter: uniform in `0..<backoffCeiling(retry:)`.
    public func backoff(retry: Int) -> Double {
        backoffCeiling(retry: retry) * min(max(random.nextUnit(), 0), 1)
    }
}
