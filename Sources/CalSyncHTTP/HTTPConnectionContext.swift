import Synchronization

/// The TCP connection a request arrived on, as a responder sees it: an id unique in the process and a small store for
/// what a connection-oriented protocol keeps between requests (NTLM authenticates a connection, not a request).
///
/// `HTTPServer` makes one per accepted connection and hands the same object with every request read from it; it goes
/// away with the connection, and with it whatever a responder stored. Requests handed over in process carry none,
/// unless a test makes one to stand for a connection.
public final class HTTPConnectionContext: Sendable {
    private static let counter = Atomic<UInt64>(0)

    public let id: UInt64
    private let values = Mutex<[String: any Sendable]>([:])

    public init() {
        id = Self.counter.add(1, ordering: .relaxed).newValue
    }

    /// The value stored under `key` if it has type `T`.
    public func value<T: Sendable>(_ key: String, as type: T.Type = T.self) -> T? {
        values.withLock { $0[key] as? T }
    }

    /// Stores (or, with nil, removes) the value under `key`.
    public func setValue(_ value: (any Sendable)?, for key: String) {
        values.withLock { $0[key] = value }
    }
}
