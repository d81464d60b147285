import CalSyncCore
import Foundation

/// The server-side sync-state cache behind calendarView delta (docs/microsoft-365.md §3b): in-progress rounds
/// (addressed by `$skiptoken`) and completed rounds (addressed by `$deltatoken`). Tokens have no
/// fixed lifetime; the oldest entry is evicted when the cache is full, and an evicted or unknown
/// token answers 410 `SyncStateNotFound`.
struct DeltaCache: Sendable {
    /// The state a `$deltatoken` names: what the client has seen, to diff the next round against.
    struct SyncState: Sendable {
        let userId: String
        let window: TimeRange
        /// Instance id → fingerprint, as of the round that produced this token.
        let snapshot: [String: String]
        /// The emulator change counter when that round started.
        let changeGeneration: Int
        /// The request path the round used (links keep the client's path form, e.g. `delta()`).
        let path: String
        let generation: Int
    }

    /// A round being paged through with `$skiptoken`s.
    struct Round: Sendable {
        let userId: String
        let window: TimeRange
        let items: [DeltaItem]
        let snapshot: [String: String]
        let changeGeneration: Int
        let path: String
        let generation: Int
        /// Start offset of each page handed out so far; page `k` is valid while it is the last or
        /// the next page (older nextLinks of the round go stale, OBS).
        var pageStarts: [Int] = [0]
    }

    enum Entry: Sendable {
        case round(Round)
        case state(SyncState)
    }

    var capacity: Int
    private(set) var entries: [String: Entry] = [:]
    /// Insertion order for eviction: (key, sequence) pairs from `head` on. A removed or re-inserted key
    /// leaves a stale pair behind (its sequence no longer matches), skipped when it reaches the head, so
    /// insert and remove are O(1) amortised even with tens of thousands of tokens.
    private var order: [(key: String, sequence: Int)] = []
    private var head = 0
    private var sequences: [String: Int] = [:]
    private var nextSequence = 0
    /// The last generation handed out (for the 410 message's `highest=`).
    private(set) var highestGeneration = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    mutating func nextGeneration() -> Int {
        highestGeneration += 1
        return highestGeneration
    }

    mutating func insert(_ key: String, _ entry: Entry) {
        if entries[key] == nil {
            nextSequence += 1
            sequences[key] = nextSequence
            order.append((key, nextSequence))
        }
        entries[key] = entry
        while entries.count > capacity, head < order.count {
            let oldest = order[head]
            head += 1
            if sequences[oldest.key] == oldest.sequence {
                entries[oldest.key] = nil
                sequences[oldest.key] = nil
            }
        }
        compactIfSparse()
    }

    mutating func update(_ key: String, _ entry: Entry) {
        guard entries[key] != nil else { return }
        entries[key] = entry
    }

    mutating func remove(_ key: String) {
        entries[key] = nil
        sequences[key] = nil
        compactIfSparse()
    }

    mutating func removeAll() {
        entries = [:]
        sequences = [:]
        order = []
        head = 0
    }

    /// Drops consumed and stale pairs once they make up most of `order`.
    private mutating func compactIfSparse() {
        guard order.count > 64, order.count > 2 * max(entries.count, 1) else { return }
        order = order[head...].filter { sequences[$0.key] == $0.sequence }
        head = 0
    }
}

/// One item of a delta round.
enum DeltaItem: Sendable {
    case upsert(EventInstance)
    case removed(String)
}
