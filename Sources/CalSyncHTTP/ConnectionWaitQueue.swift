/// The connections waiting for a request, oldest first, for `ConnectionAdmission`: a queue of connection ids, each
/// with the ticket it was given when it joined. A connection that stops waiting leaves its item behind, stale; stale
/// items are dropped when they reach the front, or all at once when they outnumber the live ones.
struct ConnectionWaitQueue: Sendable {
    private var items: [Item] = []
    private var start = 0
    private var lastTicket: UInt64 = 0
    /// Items whose connection still waits.
    private(set) var live = 0

    private struct Item: Sendable {
        let id: Int
        let ticket: UInt64
    }

    /// Items held, stale ones included.
    var storedCount: Int { items.count - start }

    /// Whether stale items are numerous enough to be worth a `compact` pass (amortised: at least as many stale
    /// items as live ones, so a pass costs at most two appends' worth of work each).
    var needsCompaction: Bool { storedCount > 2 * live + 1_024 }

    /// Adds a connection that starts waiting; returns its ticket.
    mutating func append(_ id: Int) -> UInt64 {
        lastTicket += 1
        items.append(Item(id: id, ticket: lastTicket))
        live += 1
        return lastTicket
    }

    /// Notes that one connection stopped waiting (its item is now stale).
    mutating func leave() {
        live -= 1
    }

    /// Removes items from the front until `value` accepts one, which is removed too (and no longer live).
    /// `value` answers nil for a stale item.
    mutating func popFirst<Value>(_ value: (_ id: Int, _ ticket: UInt64) -> Value?) -> (id: Int, value: Value)? {
        defer { trim() }
        while start < items.count {
            let item = items[start]
            start += 1
            if let found = value(item.id, item.ticket) {
                live -= 1
                return (item.id, found)
            }
        }
        return nil
    }

    /// Drops every item `isLive` rejects, keeping the order of the others.
    mutating func compact(_ isLive: (_ id: Int, _ ticket: UInt64) -> Bool) {
        items = items[start...].filter { isLive($0.id, $0.ticket) }
        start = 0
    }

    private mutating func trim() {
        if start == items.count {
            items.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1_024 && start * 2 > items.count {
            items.removeFirst(start)
            start = 0
        }
    }
}
