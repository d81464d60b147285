import Synchronization

/// The server's open connections, for the connection cap, shedding and shutdown. Thread-safe.
///
/// The decisions are `ConnectionAdmission`'s; this class keeps it under a lock with the connection objects,
/// applies the per-address exemptions and records the figures in the server's metrics. A connection is admitted
/// when accepted (on the accept queue, one at a time), stored once created, reports what it is doing as it goes
/// (`setActivity`), and is removed when its descriptor is closed.
final class HTTPConnectionRegistry: Sendable {
    static let shedMetric = "calsync_http_connections_shed_total"
    static let openMetric = "calsync_http_open_connections"
    static let maxMetric = "calsync_http_max_connections"

    private struct State {
        var admission: ConnectionAdmission
        var connections: [Int: HTTPConnection] = [:]
    }

    private let state: Mutex<State>
    private let exempt: [AddressPrefix]
    private let metrics: MetricsRegistry?

    init(limits: ConnectionAdmission.Limits, exempt: [AddressPrefix], metrics: MetricsRegistry?) {
        state = Mutex(State(admission: ConnectionAdmission(limits: limits)))
        self.exempt = exempt
        self.metrics = metrics
        guard let metrics else { return }
        metrics.describe(
            Self.shedMetric, type: "counter",
            help: "Connections closed to keep serving others: at the cap, the one waiting longest for a request "
                + "(idle, slow_request); a newcomer over its address's cap (per_address) or when nothing could be shed (full).")
        metrics.describe(Self.openMetric, type: "gauge", help: "Open HTTP connections, those being shed or refused included.")
        metrics.describe(Self.maxMetric, type: "gauge", help: "The HTTP connection cap (maxConnections).")
        for reason in ConnectionAdmission.ShedReason.allCases.map(\.rawValue)
            + ConnectionAdmission.RefusalReason.allCases.map(\.rawValue)
        {
            metrics.increment(Self.shedMetric, ["reason": reason], by: 0)
        }
        metrics.set(Self.maxMetric, [:], Double(limits.maxConnections))
        metrics.set(Self.openMetric, [:], 0)
    }

    /// Decides on a connection just accepted from `address`, numbered `id`; with the connection to shed for it,
    /// if any. Call on the accept queue only, and `store` the connection before the next call.
    func admit(_ id: Int, address: String) -> (ConnectionAdmission.Decision, victim: HTTPConnection?) {
        let canonical = AddressPrefix.canonical(address)
        let counted = exempt.contains { $0.contains(canonical) } ? nil : canonical
        let (decision, victim) = state.withLock { state in
            let decision = state.admission.admit(id, address: counted)
            guard case .acceptShedding(let victim, _) = decision else { return (decision, nil as HTTPConnection?) }
            return (decision, state.connections[victim])
        }
        switch decision {
        case .accept: break
        case .acceptShedding(_, let reason): metrics?.increment(Self.shedMetric, ["reason": reason.rawValue])
        case .refuse(let reason, _): metrics?.increment(Self.shedMetric, ["reason": reason.rawValue])
        }
        return (decision, victim)
    }

    /// Whether so many shed connections are still closing that the listener should wait before accepting more.
    var isSheddingBacklogFull: Bool {
        state.withLock { $0.admission.isSheddingBacklogFull }
    }

    /// Stores a connection `admit` accepted or refused with an answer.
    func store(_ connection: HTTPConnection) {
        state.withLock { state in
            state.connections[connection.id] = connection
            metrics?.set(Self.openMetric, [:], Double(state.connections.count))
        }
    }

    /// Notes whether a connection waits for a request (and how) or works; see `ConnectionAdmission.Activity`.
    func setActivity(_ id: Int, _ activity: ConnectionAdmission.Activity) {
        state.withLock { $0.admission.setActivity(id, activity) }
    }

    /// Forgets a closed connection and frees its slot.
    func remove(_ id: Int) {
        state.withLock { state in
            state.admission.remove(id)
            guard state.connections.removeValue(forKey: id) != nil else { return }
            metrics?.set(Self.openMetric, [:], Double(state.connections.count))
        }
    }

    /// Connections not closed yet, including those being refused or shed.
    var count: Int {
        state.withLock { $0.connections.count }
    }

    func snapshot() -> [HTTPConnection] {
        state.withLock { Array($0.connections.values) }
    }
}
