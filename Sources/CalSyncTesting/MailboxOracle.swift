import CalSyncCore

/// Judges a calendar after a sync against what CalSync should have made of it (the fault storms' check, for every
/// calendar system): each desired item exactly once at its times, no other CalSync item, the person's own items
/// untouched, and exactly those stored as busy blocks.
public enum MailboxOracle {
    /// One item of a calendar as its emulator shows it; `tag` is CalSync's tag, nil on the person's own items.
    public struct Item: Sendable {
        public var id: String
        public var tag: String?
        public var range: TimeRange

        public init(id: String, tag: String?, range: TimeRange) {
            self.id = id
            self.tag = tag
            self.range = range
        }
    }

    /// An item CalSync should have put in a calendar.
    public struct Desired: Sendable {
        public var calendar: String
        public var range: TimeRange

        public init(calendar: String, range: TimeRange) {
            self.calendar = calendar
            self.range = range
        }
    }

    /// How `calendar` differs from what is wanted (empty when it matches exactly).
    /// - Parameters:
    ///   - desired: by tag, for every calendar.
    ///   - own: the ids of the person's own items.
    ///   - blocks: the ids of the busy blocks CalSync stored for the person.
    public static func differences(
        calendar: String, items: [Item], desired: [String: Desired], own: Set<String>, blocks: Set<String>
    ) -> [String] {
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let tag = item.tag else { continue }
            seen[tag, default: 0] += 1
            guard let want = desired[tag], want.calendar == calendar else {
                problems.append("\(calendar): orphan item \(item.id) tagged \(tag)")
                continue
            }
            if item.range != want.range {
                problems.append("\(calendar): \(tag) at \(item.range), wanted \(want.range)")
            }
        }
        for (tag, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            problems.append("\(calendar): \(count) items tagged \(tag)")
        }
        for (tag, want) in desired.sorted(by: { $0.key < $1.key }) where want.calendar == calendar && seen[tag] == nil {
            problems.append("\(calendar): missing \(tag)")
        }
        if Set(items.filter { $0.tag == nil }.map(\.id)) != own {
            problems.append("\(calendar): the person's own items changed")
        }
        if blocks != own {
            problems.append("\(calendar): \(blocks.count) busy blocks, wanted exactly the \(own.count) own items")
        }
        return problems
    }
}
