import CalSyncCore
import Testing

/// Spreading pulls over the interval: deterministic per person, every person in exactly one slot.
@Suite struct PullSpreadTests {
    static let people = (0..<10_000).map { "i-\($0)" }

    @Test func aPersonAlwaysLandsInTheSameSlot() {
        let spread = PullSpread(slots: 10)
        // Pinned values: a change of hash would move everyone's pull time.
        #expect(spread.slot(of: "i-0") == 5)
        #expect(spread.slot(of: "i-1") == 4)
        #expect(spread.slot(of: "i-0042") == 9)
        #expect(Self.people.map(spread.slot(of:)) == Self.people.map(PullSpread(slots: 10).slot(of:)))
    }

    @Test func everyoneIsPulledOncePerPassOverTheSlots() {
        let spread = PullSpread(slots: 10)
        var counts = Array(repeating: 0, count: 10)
        for person in Self.people {
            let slots = (0..<10).filter { spread.includes(person, slot: $0) }
            #expect(slots.count == 1)
            counts[slots[0]] += 1
        }
        // Spread, not a burst: each tick has about a tenth of the people.
        #expect(counts.allSatisfy { (800...1_200).contains($0) }, "\(counts)")
    }

    @Test(arguments: [(300.0, 10), (60.0, 2), (30.0, 1), (10.0, 1), (0.0, 1)])
    func slotsForAnInterval(_ interval: Double, _ slots: Int) {
        #expect(PullSpread.forInterval(interval).slots == slots)
    }

    @Test func aFullCycleIncludesEveryone() {
        #expect(Self.people.allSatisfy { PullSpread(slots: 10).includes($0, slot: nil) })
        #expect(PullSpread.none.includes("anyone", slot: 3))
    }
}
