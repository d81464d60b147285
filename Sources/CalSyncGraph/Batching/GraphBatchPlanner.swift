import CalSyncProviderKit

/// Chooses which queued requests go into the next `$batch` (pure; docs/microsoft-365.md §6 and §7):
///
/// - at most `maxItems` (Graph's limit is 20);
/// - at most `maxPerMailbox` items addressing one mailbox (Outlook's 4 concurrent requests per app
///   and mailbox apply to the items of a batch too, and they may run in parallel);
/// - all under the same `group` (the bearer token: a batch carries one);
/// - first come, first served: the oldest request always goes, and a skipped one keeps its place
///   for the next batch. Ids are the positions in the batch ("1"…"20"), unique by construction.
public struct GraphBatchPlanner: Sendable {
    public struct Queued: Sendable, Hashable {
        public var key: InFlightKey
        public var group: String

        public init(key: InFlightKey, group: String) {
            self.key = key
            self.group = group
        }
    }

    public var maxItems: Int
    public var maxPerMailbox: Int

    public init(maxItems: Int = 20, maxPerMailbox: Int = 4) {
        precondition(maxItems > 0 && maxPerMailbox > 0, "batch limits must be positive")
        self.maxItems = min(maxItems, 20)
        self.maxPerMailbox = maxPerMailbox
    }

    /// Indices into `queue` of the next batch, in queue order (empty only for an empty queue).
    public func next(_ queue: [Queued]) -> [Int] {
        guard let first = queue.first else { return [] }
        var chosen: [Int] = []
        var perMailbox: [InFlightKey: Int] = [:]
        for (index, queued) in queue.enumerated() where queued.group == first.group {
            guard chosen.count < maxItems else { break }
            let count = perMailbox[queued.key, default: 0]
            // Directory calls have their own limits, not Outlook's per-mailbox one.
            if case .calendar = queued.key.target, count >= maxPerMailbox { continue }
            perMailbox[queued.key] = count + 1
            chosen.append(index)
        }
        return chosen
    }

    /// The id of the item at `position` in a batch.
    public static func itemId(_ position: Int) -> String { String(position + 1) }
}
