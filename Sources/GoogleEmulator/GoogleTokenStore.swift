/// Opaque tokens (sync tokens, page tokens) and what they stand for, keeping at most `capacity`: the oldest is
/// dropped first, and presenting it then gets the answer for an unknown token.
struct GoogleTokenStore<Value: Sendable>: Sendable {
    private var values: [String: Value] = [:]
    private var order: [String] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    subscript(token: String) -> Value? { values[token] }

    mutating func insert(_ token: String, _ value: Value) {
        if values.updateValue(value, forKey: token) == nil { order.append(token) }
        while values.count > capacity, head < order.count {
            values[order[head]] = nil
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    mutating func remove(_ token: String) { values[token] = nil }

    mutating func removeAll(where drop: (Value) -> Bool) {
        for (token, value) in values where drop(value) { values[token] = nil }
    }

    var count: Int { values.count }
}
