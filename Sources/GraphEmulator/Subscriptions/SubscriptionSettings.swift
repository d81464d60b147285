/// Knobs for change-notification subscriptions (docs/microsoft-365.md, "Change notifications (emulator)").
/// Defaults follow Microsoft's documentation; the ones marked UNCONFIRMED are not pinned down there.
public struct SubscriptionSettings: Sendable {
    /// The longest lifetime of an Outlook event subscription, in minutes (10,080 = 7 days; older documentation
    /// said 4,230). Creating or renewing beyond it answers 400 `ExtensionError`.
    public var maxLifetimeMinutes: Int = 10_080
    /// How long the validation handshake may take before the create call answers 400 (DOC: 10 s).
    public var validationTimeoutSeconds: Double = 10
    /// Whether `http://` notification URLs are accepted when their host is a loopback address (real Graph
    /// wants https; the emulator lets tests use a plain local receiver).
    public var allowHTTPOnLoopback: Bool = true
    /// How long a receiver may take to answer a notification POST before it counts as failed (DOC: 3 s).
    public var deliveryTimeoutSeconds: Double = 3
    /// How long changes are collected before they are posted, so a burst arrives batched in one POST
    /// (UNCONFIRMED: Graph batches "when several changes are pending" without saying how long it waits).
    public var batchDelayMilliseconds: Int = 200
    /// The most notifications in one POST (UNCONFIRMED).
    public var maxBatchSize: Int = 100
    /// The first retry's delay after a failed or non-2xx delivery; each further retry doubles it up to
    /// `retryMaxDelaySeconds` (UNCONFIRMED: Graph documents retries with back-off, not the figures).
    public var retryInitialDelaySeconds: Double = 10
    public var retryMaxDelaySeconds: Double = 600
    /// How long a failing delivery is retried before it is dropped (DOC: up to 4 hours).
    public var retryForSeconds: Double = 4 * 3600
    /// At most this many attempts per delivery (nil: only `retryForSeconds` limits). UNCONFIRMED.
    public var maxAttempts: Int?

    public init() {}

    /// The delay before retry number `retry` (1 for the first retry).
    func retryDelay(_ retry: Int) -> Double {
        let factor = Double(1 << min(max(retry - 1, 0), 30))
        return min(retryInitialDelaySeconds * factor, max(retryMaxDelaySeconds, retryInitialDelaySeconds))
    }
}
