/// Chooses which queued requests go into the next batch (pure):
///
/// - at most `maxItems`;
/// - at most `maxPerCalendar` parts addressing one calendar (a per-calendar concurrency limit applies to the parts
///   of a batch too: they may run in parallel); account-wide calls (the directory) are not limited so;
/// - all of the same `group` (e.g. one bearer token per batch);
/// - first come, first served: the oldest request always goes, and a skipped one keeps its place for the next
///   batch. Ids are the positions in the batch ("1", "2", …), unique by construction.
public struct BatchPlanner: Sendable {
    public struct Queued: Sendable, Hashable {
        public var key: InFlightKey
        public var group: String

        public init(key: InFlightKey, group: String) {
            self.key = key
            self.group = group
        }
    }

    public var maxItems: Int
    public var maxPerCalendar: Int

    public init(maxItems: Int, maxPerCalendar: Int = 4) {
        precondition(maxItems > 0 && maxPerCalendar > 0, "batch limits must be positive")
        self.maxItems = maxItems
        self.maxPerCalendar = maxPerCalendar
    }

    /// Indices into `queue` of the next batch, in queue order (empty only for an empty queue).
    public func next(_ queue: [Queued]) -> [Int] {
        guard let first = queue.first else { return [] }
        var chosen: [Int] = []
        var perCalendar: [InFlightKey: Int] = [:]
        for (index, queued) in queue.enumerated() where queued.group == first.group {
            guard chosen.count < maxItems else { break }
            let count = perCalendar[queued.key, default: 0]
            if case .calendar = queued.key.target, count >= maxPerCalendar { continue }
            perCalendar[queued.key] = count + 1
            chosen.append(index)
        }
        return chosen
    }

    /// The id of the part at `position` in a batch.
    public static func itemId(_ position: Int) -> String { String(position + 1) }
}
