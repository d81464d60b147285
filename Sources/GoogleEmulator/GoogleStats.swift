import CalSyncHTTP

/// What the emulator saw since it started (or since `POST /_emulator/stats/reset`): calls by route and status,
/// per-person figures, batches, tokens and injected faults. `GET /_emulator/stats` shows it as JSON.
public struct GoogleStats: Sendable, Hashable {
    public struct RouteKey: Sendable, Hashable, Comparable {
        /// e.g. `GET /calendar/v3/calendars/{calendarId}/events`; calls inside a batch end in ` (batch part)`.
        public var route: String
        /// 0 for a connection dropped without an answer.
        public var status: Int

        public static func < (a: RouteKey, b: RouteKey) -> Bool { (a.route, a.status) < (b.route, b.status) }
    }

    public var routes: [RouteKey: Int] = [:]
    /// By person: the impersonated user's primary e-mail, or the service account's e-mail when it acts as itself.
    public var persons: [String: GooglePersonStats] = [:]
    public var maxInFlight = 0
    public var tokensIssued = 0
    public var tokenRequestsRefused = 0
    public var batches = 0
    public var largestBatch = 0
    /// Injected faults by name (the `GoogleFaults` field names) and quota answers (`userQuota`, `projectQuota`).
    public var faultsInjected: [String: Int] = [:]
    /// The first `violationListLimit` requests made inside a back-off.
    public var backoffViolations: [GoogleBackoffViolation] = []

    public static let violationListLimit = 1000

    public init() {}

    public var total: Int { routes.values.reduce(0, +) }

    /// Calls to a route template, optionally only those answered with `status`.
    public func count(route: String, status: Int? = nil) -> Int {
        routes.filter { $0.key.route == route && (status == nil || $0.key.status == status) }.values.reduce(0, +)
    }

    public func person(_ email: String) -> GooglePersonStats { persons[email.lowercased()] ?? GooglePersonStats() }

    /// Requests made inside a back-off, all persons together.
    public var requestsInsideBackoff: Int { persons.values.reduce(0) { $0 + $1.requestsInsideBackoff } }
    public var duplicates409: Int { persons.values.reduce(0) { $0 + $1.duplicates409 } }

    mutating func record(route: String, status: Int) {
        routes[RouteKey(route: route, status: status), default: 0] += 1
    }

    mutating func update(_ person: String, _ change: (inout GooglePersonStats) -> Void) {
        change(&persons[person.lowercased(), default: GooglePersonStats()])
    }

    mutating func countFault(_ name: String) { faultsInjected[name, default: 0] += 1 }

    public var json: JSONValue {
        let rows: [JSONValue] = routes.keys.sorted().map { key in
            ["route": .string(key.route), "status": .number(Double(key.status)), "count": .number(Double(routes[key]!))]
        }
        return [
            "total": .number(Double(total)), "requests": .array(rows),
            "persons": .object(persons.mapValues(\.json)), "maxInFlight": .number(Double(maxInFlight)),
            "requestsInsideBackoff": .number(Double(requestsInsideBackoff)), "duplicates409": .number(Double(duplicates409)),
            "tokensIssued": .number(Double(tokensIssued)), "tokenRequestsRefused": .number(Double(tokenRequestsRefused)),
            "batches": .number(Double(batches)), "largestBatch": .number(Double(largestBatch)),
            "faultsInjected": .object(faultsInjected.mapValues { .number(Double($0)) }),
            "backoffViolations": .array(backoffViolations.map(\.json)),
        ]
    }
}
