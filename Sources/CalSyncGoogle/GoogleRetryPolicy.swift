import CalSyncProviderKit
import Foundation

/// How one Google call is retried (docs/google.md, "Quotas", "Errors"): 403 `rateLimitExceeded` /
/// `userRateLimitExceeded`, 429, 5xx and lost connections are retried after `Retry-After` when Google sends one,
/// else after Google's exponential back-off `min(2^n, cap)` seconds plus up to `jitter` seconds of randomness; at
/// most `maxRetries` times and `waitBudget` seconds per call, after which the error goes to the engine with the wait
/// it should keep. 403 `quotaExceeded` is never retried here (Google's own client does not either).
public struct GoogleRetryPolicy: Sendable {
    public var maxRetries: Int
    public var waitBudget: Double
    /// First wait (before jitter), doubled each retry up to `backoffCap`.
    public var backoffBase: Double
    public var backoffCap: Double
    /// Up to this many seconds added at random to each back-off (Google: up to 1 s).
    public var jitter: Double
    /// Does the waiting (tests record or fake it).
    public var sleeper: any Sleeper
    /// The jitter's randomness.
    public var random: any RandomSource

    public init(
        maxRetries: Int = 4, waitBudget: Double = 40, backoffBase: Double = 1, backoffCap: Double = 32,
        jitter: Double = 1, sleeper: any Sleeper = TaskSleeper(), random: any RandomSource = SystemRandomSource()
    ) {
        self.maxRetries = max(0, maxRetries)
        self.waitBudget = max(0, waitBudget)
        self.backoffBase = max(0, backoffBase)
        self.backoffCap = max(0, backoffCap)
        self.jitter = max(0, jitter)
        self.sleeper = sleeper
        self.random = random
    }

    /// Every failure goes straight to the caller.
    public static let noRetries = GoogleRetryPolicy(maxRetries: 0, waitBudget: 0)

    /// The wait before retry number `retry` (0 for the first): `Retry-After` when sent, else the back-off.
    public func delay(retry: Int, retryAfter: Double?) -> Double {
        if let retryAfter, retryAfter >= 0 { return retryAfter }
        let exponent = Double(min(max(0, retry), 30))
        return min(backoffCap, backoffBase * pow(2, exponent)) + jitter * min(max(random.nextUnit(), 0), 0.999_999)
    }
}
