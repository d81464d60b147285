import CalSyncCore
import Foundation

/// What a reader lane remembers about people between reads: valid only while the database is unchanged.
///
/// `PRAGMA data_version` changes whenever another connection commits (the store's writer, or another
/// process); the lanes never write, so an unchanged value means nothing at all was written since the memo was
/// filled, and the memo is dropped as a whole otherwise. Kept per lane, touched only by the lane's holder: no locks.
///
/// Per person it keeps the sync facts, every training assignment, and the longest busy block. The longest
/// block bounds the busy-block query from below (`start_ms > from - longest`): the by-person index is ordered
/// by start, so a week's query then reads that week's entries instead of every entry before the week.
/// While the database keeps changing (a sync cycle commits person after person), the longest block is not
/// worked out (it costs a scan of the person's blocks) and queries run unbounded, as without the memo.
struct LaneMemo {
    struct Person {
        var facts: PersonSyncFacts
        /// All of the person's assignments, by start then event id.
        var assignments: [AvailabilityFacts.Assignment]
        /// All of the person's absences, by start day then id.
        var absences: [Absence]
        /// The longest of the person's busy blocks in milliseconds (0 without blocks); nil = not worked out.
        var longestBlockMs: Int64?
    }

    /// How long without any change before the longest blocks are worked out.
    static let quietPeriod = Duration.seconds(1)
    /// Beyond this many people the memo starts over (bounds its memory).
    static let maxPeople = 20_000

    private(set) var dataVersion: Int64 = -1
    private(set) var changedAt: ContinuousClock.Instant? = nil
    private var people: [String: Person] = [:]

    /// Drops everything when the database changed since the last read.
    mutating func validate(dataVersion current: Int64, now: ContinuousClock.Instant) {
        guard current != dataVersion else { return }
        // The first read of a lane finds the database as it is: that is no change.
        if dataVersion != -1 { changedAt = now }
        dataVersion = current
        people.removeAll(keepingCapacity: true)
    }

    /// True when nothing was written for a while: worth working out the longest blocks.
    func isQuiet(now: ContinuousClock.Instant) -> Bool { changedAt.map { now - $0 >= Self.quietPeriod } ?? true }

    subscript(instructorId: String) -> Person? {
        get { people[instructorId] }
        set {
            if newValue != nil, people[instructorId] == nil, people.count >= Self.maxPeople { people.removeAll() }
            people[instructorId] = newValue
        }
    }
}
