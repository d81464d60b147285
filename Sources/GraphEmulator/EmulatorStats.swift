/// Request counts by route template and status, for `GET /_emulator/stats` and load tests. Status 0
/// counts requests whose connection was dropped without a response (the `connectionReset` fault).
public struct EmulatorStats: Sendable, Hashable {
    public struct Key: Sendable, Hashable, Comparable {
        /// e.g. `GET /users/{id}/calendarView/delta`
        public var route: String
        public var status: Int

        public static func < (a: Key, b: Key) -> Bool { (a.route, a.status) < (b.route, b.status) }
    }

    public var counts: [Key: Int] = [:]

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }

    /// The number of requests to a route template, optionally only those answered with `status`.
    public func count(route: String, status: Int? = nil) -> Int {
        counts.filter { $0.key.route == route && (status == nil || $0.key.status == status) }.values.reduce(0, +)
    }

    mutating func record(route: String, status: Int) {
        counts[Key(route: route, status: status), default: 0] += 1
    }

    var json: EmulatorJSON {
        let rows: [EmulatorJSON] = counts.keys.sorted().map { key in
            ["route": .string(key.route), "status": .number(Double(key.status)), "count": .number(Double(counts[key]!))]
        }
        return ["total": .number(Double(total)), "requests": .array(rows)]
    }
}
