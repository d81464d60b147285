import CalSyncGraph
import Testing

/// Which queued requests make the next `$batch` (docs/microsoft-365.md §6: ≤ 20; §7: ≤ 4 per mailbox).
@Suite struct GraphBatchPlannerTests {
    static func queue(_ mailboxes: [String], group: String = "t1") -> [GraphBatchPlanner.Queued] {
        mailboxes.map { name in
            GraphBatchPlanner.Queued(key: name == "dir" ? .account() : .calendar(name), group: group)
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
        #expect(GraphBatchPlanner().next(Self.queue(mailboxes)) == expected)
    }

    @Test func aBatchCarriesOneToken() {
        let queue = Self.queue(["a", "b"], group: "t1") + Self.queue(["c"], group: "t2") + Self.queue(["d"], group: "t1")
        #expect(GraphBatchPlanner().next(queue) == [0, 1, 3])
        #expect(GraphBatchPlanner().next(Array(queue.dropFirst(2))) == [0])
    }

    @Test func limitsAreClampedToGraphs() {
        #expect(GraphBatchPlanner(maxItems: 50).maxItems == 20)
        #expect(
            GraphBatchPlanner(maxItems: 5, maxPerMailbox: 2).next(Self.queue(["a", "a", "a", "b", "c", "d", "e"])) == [
                0, 1, 3, 4, 5,
            ])
    }

    @Test func idsAreUniquePositions() {
        #expect(Set((0..<20).map(GraphBatchPlanner.itemId)).count == 20)
        #expect(GraphBatchPlanner.itemId(0) == "1")
    }
}
