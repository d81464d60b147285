/// Spreads people's pulls over the sync interval instead of a burst at its start (issue: scale).
///
/// The interval is cut into `slots` ticks; a person belongs to one slot, chosen by a stable hash of
/// their id, so the same person is pulled at the same point of every interval and each tick pulls
/// about `1/slots` of everyone. A full pass over the slots is one interval: as long as each tick's
/// work fits in `interval / slots`, everyone is pulled once per interval, as without spreading.
public struct PullSpread: Sendable, Hashable {
    public let slots: Int

    public init(slots: Int) {
        self.slots = max(1, slots)
    }

    /// No spreading: everyone in one tick.
    public static let none = PullSpread(slots: 1)

    /// One tick about every `tick` seconds over `interval` (5 min → 10 ticks of 30 s).
    public static func forInterval(_ interval: Double, tick: Double = 30) -> PullSpread {
        guard interval.isFinite, tick > 0, interval > tick else { return .none }
        return PullSpread(slots: Int((interval / tick).rounded(.down)))
    }

    /// The slot (0 ..< slots) of a person.
    public func slot(of instructorId: String) -> Int {
        Int(StableHash.lanes(instructorId).0 % UInt64(slots))
    }

    /// Whether the person is pulled in `slot` (nil: every slot, a full cycle).
    public func includes(_ instructorId: String, slot: Int?) -> Bool {
        guard let slot, slots > 1 else { return true }
        return self.slot(of: instructorId) == slot
    }
}
