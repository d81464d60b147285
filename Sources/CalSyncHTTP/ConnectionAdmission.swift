/// Which connections hold one of the server's slots, and what to do when one more arrives: accept it while a slot
/// is free; at the cap, shed the connection that has waited longest for a request and give its slot to the
/// newcomer; refuse the newcomer only when nothing can be shed or its address holds its share already.
///
/// A connection waits from the moment it is accepted, and again from the end of each response, until its next
/// request is complete; it works while the responder has a request or a response is being written, and is never
/// shed then. Whether it is idle (nothing received) or receiving (a request head or body begun and not finished,
/// as a slowloris client keeps it) does not change its place: what counts is how long it has kept its slot
/// without a request to show for it. So a flood of connections that send nothing, or send a head byte by byte,
/// sheds its own oldest members, and a newcomer that sends its request at once is served.
///
/// Pure bookkeeping without I/O or clock (the order in which connections start waiting stands for time), kept
/// under `HTTPConnectionRegistry`'s lock. Admissions come from one thread (the accept queue).
struct ConnectionAdmission: Sendable {
    struct Limits: Sendable, Equatable {
        /// Connections holding a slot.
        var maxConnections: Int
        /// Slots one client address may hold; 0 for no cap. Exempt addresses are not counted.
        var maxPerAddress: Int
        /// Refused connections answered 503 at the same time; beyond, a refused connection is closed unanswered.
        var maxRefusing = 64
        /// Shed connections not closed yet. While this many are, the listener waits for them before accepting more
        /// (`isSheddingBacklogFull`); a connection admitted at the cap meanwhile would be refused.
        var maxShedding = 64
    }

    /// What a connection holding a slot is doing.
    enum Activity: Sendable, Equatable {
        /// Nothing of a request received: just accepted, or kept alive between requests.
        case idle
        /// A request head or body begun and not complete.
        case receiving
        /// A request with the responder, a response being written, or the connection closing: never shed.
        case working
    }

    enum ShedReason: String, Sendable, CaseIterable {
        case idle
        case slowRequest = "slow_request"
    }

    enum RefusalReason: String, Sendable, CaseIterable {
        /// The newcomer's address holds `maxPerAddress` slots.
        case perAddress = "per_address"
        /// At the cap with nothing to shed.
        case full
    }

    enum Decision: Sendable, Equatable {
        /// A slot was free.
        case accept
        /// At the cap: the newcomer has `victim`'s slot; close `victim` (at once when it waits, after its response
        /// when it turned busy meanwhile).
        case acceptShedding(victim: Int, reason: ShedReason)
        /// Refused: answer 503 and close when `answer`, else close at once.
        case refuse(RefusalReason, answer: Bool)
    }

    private enum Standing { case holding, refusing, shedding }

    private struct Entry {
        var standing: Standing
        /// The address counted against the per-address cap; nil when exempt or not holding a slot.
        var address: String?
        var activity: Activity
        /// Identifies the entry's place in `queue` while it waits.
        var ticket: UInt64
    }

    let limits: Limits
    private var entries: [Int: Entry] = [:]
    private var perAddress: [String: Int] = [:]
    /// Waiting connections in the order they started waiting; an item is stale once its entry's ticket moved on.
    private var queue = ConnectionWaitQueue()
    private(set) var holding = 0
    private(set) var refusing = 0
    private(set) var shedding = 0

    init(limits: Limits) {
        self.limits = limits
    }

    /// Connections not closed yet: holding a slot, being refused, being shed.
    var count: Int { entries.count }

    /// Whether shed connections are still closing in such numbers that the listener should wait before accepting
    /// more (the backlog keeps the newcomers meanwhile).
    var isSheddingBacklogFull: Bool { shedding >= limits.maxShedding }

    /// Items in the wait queue, stale ones included (they are compacted away in bulk).
    var queuedCount: Int { queue.storedCount }

    /// Slots held from `address` (exempt addresses are not counted).
    func slots(of address: String) -> Int { perAddress[address] ?? 0 }

    /// Decides on a new connection, numbered `id`; `address` is nil when exempt from the per-address cap.
    mutating func admit(_ id: Int, address: String?) -> Decision {
        if let address, limits.maxPerAddress > 0, slots(of: address) >= limits.maxPerAddress {
            return refuse(id, .perAddress)
        }
        if holding < max(limits.maxConnections, 1) {
            hold(id, address: address)
            return .accept
        }
        guard shedding < limits.maxShedding, let (victim, activity) = oldestWaiting() else { return refuse(id, .full) }
        shed(victim)
        hold(id, address: address)
        return .acceptShedding(victim: victim, reason: activity == .idle ? .idle : .slowRequest)
    }

    /// Notes what a connection holding a slot is doing; ignored for others. A connection that goes back to waiting
    /// joins the end of the queue; one that turns from idle to receiving keeps its place.
    mutating func setActivity(_ id: Int, _ activity: Activity) {
        guard var entry = entries[id], entry.standing == .holding, entry.activity != activity else { return }
        if entry.activity == .working {
            entry.ticket = queue.append(id)
        } else if activity == .working {
            queue.leave()
        }
        entry.activity = activity
        entries[id] = entry
        compactIfNeeded()
    }

    /// Forgets a closed connection and frees what it held.
    mutating func remove(_ id: Int) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        switch entry.standing {
        case .holding:
            holding -= 1
            release(entry.address)
            if entry.activity != .working { queue.leave() }
        case .refusing:
            refusing -= 1
        case .shedding:
            shedding -= 1
        }
    }

    // MARK: - Private

    private mutating func hold(_ id: Int, address: String?) {
        holding += 1
        if let address { perAddress[address, default: 0] += 1 }
        entries[id] = Entry(standing: .holding, address: address, activity: .idle, ticket: queue.append(id))
        compactIfNeeded()
    }

    private mutating func refuse(_ id: Int, _ reason: RefusalReason) -> Decision {
        guard refusing < limits.maxRefusing else { return .refuse(reason, answer: false) }
        refusing += 1
        entries[id] = Entry(standing: .refusing, address: nil, activity: .working, ticket: 0)
        return .refuse(reason, answer: true)
    }

    private mutating func shed(_ id: Int) {
        guard var entry = entries[id] else { return }
        holding -= 1
        shedding += 1
        release(entry.address)
        entry.standing = .shedding
        entry.address = nil
        entry.activity = .working
        entries[id] = entry
    }

    private mutating func release(_ address: String?) {
        guard let address, let held = perAddress[address] else { return }
        perAddress[address] = held > 1 ? held - 1 : nil
    }

    /// What `id` waits in, when `ticket` is its current place in the queue; nil for a stale item.
    private static func waiting(_ entries: [Int: Entry], _ id: Int, _ ticket: UInt64) -> Activity? {
        guard let entry = entries[id], entry.standing == .holding, entry.activity != .working, entry.ticket == ticket
        else { return nil }
        return entry.activity
    }

    /// The connection that has waited longest (taken out of the queue), dropping stale items on the way.
    private mutating func oldestWaiting() -> (Int, Activity)? {
        let entries = self.entries  // shares storage: nothing is copied
        return queue.popFirst { Self.waiting(entries, $0, $1) }.map { ($0.id, $0.value) }
    }

    private mutating func compactIfNeeded() {
        guard queue.needsCompaction else { return }
        let entries = self.entries
        queue.compact { Self.waiting(entries, $0, $1) != nil }
    }
}
