/// Holds back a pull round that would delete too much at once (docs/product-rules.md: "A mailbox that suddenly
/// returns nothing where it had blocks is flagged, not emptied"; issue: "a cycle about to delete more
/// than a configured share is held and reported").
public struct MassDeletionGuard: Sendable {
    /// The largest share of a person's blocks one round may delete (1 disables the share rule).
    public var maximumShare: Double = 0.5
    /// Rounds deleting fewer blocks than this are never held (small calendars change a lot).
    public var minimumBlocks: Int = 10
    /// A mailbox that had at least this many blocks and now returns none is held.
    public var emptiedMailboxMinimum: Int = 3

    public init(maximumShare: Double = 0.5, minimumBlocks: Int = 10, emptiedMailboxMinimum: Int = 3) {
        self.maximumShare = maximumShare
        self.minimumBlocks = minimumBlocks
        self.emptiedMailboxMinimum = emptiedMailboxMinimum
    }

    /// A sentence saying why the round is held, or nil to apply it.
    public func hold(known: Int, removing: Int, keeping: Int) -> String? {
        guard known > 0, removing > 0 else { return nil }
        if keeping == 0, removing == known, known >= emptiedMailboxMinimum {
            return "the calendar suddenly returned no events where it had \(known) busy blocks; nothing was deleted"
        }
        let share = Double(removing) / Double(known)
        if maximumShare < 1, removing >= minimumBlocks, share > maximumShare {
            let percent = Int((share * 100).rounded())
            return "this pull would delete \(removing) of \(known) busy blocks (\(percent) %), more than the allowed "
                + "\(Int((maximumShare * 100).rounded())) %; nothing was deleted"
        }
        return nil
    }
}
