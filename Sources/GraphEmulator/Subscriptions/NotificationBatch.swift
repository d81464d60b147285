/// One POST's worth of notifications for one receiver URL, with what is needed to retry it.
struct NotificationBatch: Sendable {
    let url: String
    /// Change-notification or lifecycle-notification items, in order.
    var items: [EmulatorJSON]
    /// The subscription of each item (a retry leaves out items whose subscription is gone).
    var subscriptionIds: [String]
    let isLifecycle: Bool

    var body: EmulatorJSON { ["value": .array(items)] }

    /// Only the items whose subscription is still among `live`.
    func keeping(_ live: Set<String>) -> NotificationBatch {
        var copy = self
        let kept = zip(items, subscriptionIds).filter { live.contains($0.1) }
        copy.items = kept.map(\.0)
        copy.subscriptionIds = kept.map(\.1)
        return copy
    }
}
