/// What happened to change-notification subscriptions and their deliveries, for `GET /_emulator/stats`
/// (`subscriptions`) and tests. Notification counts are items (one POST may carry several).
public struct SubscriptionStats: Sendable, Hashable {
    public var created = 0
    public var renewed = 0
    public var deleted = 0
    /// Subscriptions that passed their expiry without renewal and were removed.
    public var expired = 0
    /// Create calls answered 400 because a validation handshake failed (refused, wrong echo, timeout).
    public var handshakesFailed = 0
    /// Notification POSTs sent (first attempts and retries, change and lifecycle).
    public var deliveryRequests = 0
    /// Change notifications the receiver acknowledged with a 2xx.
    public var notificationsDelivered = 0
    /// Change notifications in POSTs that failed (transport error, timeout or non-2xx); each attempt counts.
    public var notificationsFailed = 0
    /// Change notifications sent again after a failure.
    public var notificationsRetried = 0
    /// Change notifications given up on after the retry limit.
    public var notificationsDropped = 0
    /// Lifecycle notifications acknowledged with a 2xx, and those given up on.
    public var lifecycleDelivered = 0
    public var lifecycleDropped = 0

    public init() {}

    var json: EmulatorJSON {
        [
            "created": .number(Double(created)), "renewed": .number(Double(renewed)),
            "deleted": .number(Double(deleted)), "expired": .number(Double(expired)),
            "handshakesFailed": .number(Double(handshakesFailed)), "deliveryRequests": .number(Double(deliveryRequests)),
            "notificationsDelivered": .number(Double(notificationsDelivered)),
            "notificationsFailed": .number(Double(notificationsFailed)),
            "notificationsRetried": .number(Double(notificationsRetried)),
            "notificationsDropped": .number(Double(notificationsDropped)),
            "lifecycleDelivered": .number(Double(lifecycleDelivered)),
            "lifecycleDropped": .number(Double(lifecycleDropped)),
        ]
    }
}
