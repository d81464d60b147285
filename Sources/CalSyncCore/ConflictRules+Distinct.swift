import Foundation

extension ConflictRules {
    /// Each conflict once, for a person reading a list: `conflicts` reports a conflict from the side of each
    /// assignment involved, so two overlapping assignments come twice (A with B, B with A), and an absence whose
    /// calendar entries are split (one per day) comes once per entry. Kept: the first of each pair of assignments,
    /// one entry per assignment and absence (spanning all the absence's entries it overlaps), one per busy block.
    public static func distinct(_ conflicts: [Conflict]) -> [Conflict] {
        struct Key: Hashable {
            var event: String
            var kind: BusyInterval.Kind
            var other: String?
            var range: TimeRange?
        }
        var order: [Key] = []
        var kept: [Key: Conflict] = [:]
        for conflict in conflicts {
            let key: Key
            switch conflict.withKind {
            case .training:
                // The pair, whichever side it is reported from.
                let pair = [conflict.eventId, conflict.withRef ?? ""].sorted()
                key = Key(event: pair[0], kind: .training, other: pair[1])
            case .absence:
                key = Key(event: conflict.eventId, kind: .absence, other: conflict.withRef)
            case .external:
                key = Key(event: conflict.eventId, kind: .external, range: conflict.withRange)
            }
            if var known = kept[key] {
                if conflict.withKind == .absence, known.eventId == conflict.eventId {
                    known.withRange = TimeRange(
                        start: min(known.withRange.start, conflict.withRange.start),
                        end: max(known.withRange.end, conflict.withRange.end))
                    kept[key] = known
                }
                continue
            }
            order.append(key)
            kept[key] = conflict
        }
        return order.compactMap { kept[$0] }
    }
}
