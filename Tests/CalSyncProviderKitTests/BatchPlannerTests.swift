import CalSyncProviderKit
import Testing

/// Which queued requests make the next batch: at most `maxItems`, at most `maxPerCalendar` per calendar, one group.
@Suite struct BatchPlannerTests {
    static func queue(_ mailboxes: [String], group: String = "t1") -> [BatchPlanner.Queued] {
        mailboxes.map { name in
            BatchPlanner.Queued(key: name == "dir" ? .account() : .calendar(name), group: group)
        }
    }

    @Test(arguments: [
        // (queued mailboxes, expected indices)
        ([String](), [Int]()),
        (["a"], [0]),
        (Array(repeating: "a", count: 6), [0, 1, 2, 3]),
        (["a", "a", "b", "a", "a", "a", "b"], [0, 1, 2, 3, 4, 6]),
        ((0..<25).map { "m\($0)" }, Array(0..<20)),
        (Array(repeating: "dir", count: 6), Array(0..<6)),
    ])
    func batches(_ mailboxes: [String], _ expected: [Int]) {
        #expect(BatchPlanner(maxItems: 20).next(Self.queue(mailboxes)) == expected)
    }

    @Test func aBatchCarriesOneToken() {
        let queue = Self.queue(["a", "b"], group: "t1") + Self.queue(["c"], group: "t2") + Self.queue(["d"], group: "t1")
        #expect(BatchPlanner(maxItems: 20).next(queue) == [0, 1, 3])
        #expect(BatchPlanner(maxItems: 20).next(Array(queue.dropFirst(2))) == [0])
    }

    @Test func limitsApply() {
        #expect(
            BatchPlanner(maxItems: 5, maxPerCalendar: 2).next(Self.queue(["a", "a", "a", "b", "c", "d", "e"])) == [
                0, 1, 3, 4, 5,
            ])
    }

    @Test func idsAreUniquePositions() {
        #expect(Set((0..<50).map(BatchPlanner.itemId)).count == 50)
        #expect(BatchPlanner.itemId(0) == "1")
    }
}
