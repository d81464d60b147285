import Synchronization

/// The server's open connections, for the connection limit and for shutdown. Thread-safe.
///
/// A connection is reserved when accepted, stored once created, and removed when its descriptor is
/// closed. Connections answered 503 are kept apart so they do not count against the limit, but they
/// are capped too, so a flood cannot exhaust descriptors.
final class HTTPConnectionRegistry: Sendable {
    enum Admission: Equatable {
        case accept
        /// Over the limit: answer 503 and close.
        case reject
        /// Far over the limit: close without answering.
        case drop
    }

    private struct State {
        var connections: [Int: (connection: HTTPConnection, counted: Bool)] = [:]
        var active = 0
        var rejecting = 0
    }

    private let state = Mutex(State())

    /// Reserves a slot for a new connection, or says why not.
    func reserve(limit: Int, rejectLimit: Int = 64) -> Admission {
        state.withLock { state in
            if state.active < limit {
                state.active += 1
                return .accept
            }
            guard state.rejecting < rejectLimit else { return .drop }
            state.rejecting += 1
            return .reject
        }
    }

    /// Stores a connection for which `reserve` answered `.accept` (counted) or `.reject`.
    func store(_ connection: HTTPConnection, counted: Bool) {
        state.withLock { $0.connections[connection.id] = (connection, counted) }
    }

    /// Forgets a closed connection and frees its slot.
    func remove(_ id: Int) {
        state.withLock { state in
            guard let entry = state.connections.removeValue(forKey: id) else { return }
            if entry.counted { state.active -= 1 } else { state.rejecting -= 1 }
        }
    }

    /// Connections not closed yet, including those answered 503.
    var count: Int {
        state.withLock { $0.connections.count }
    }

    func snapshot() -> [HTTPConnection] {
        state.withLock { $0.connections.values.map(\.connection) }
    }
}
