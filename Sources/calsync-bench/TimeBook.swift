import Synchronization

/// Moments (monotonic nanoseconds) by key, written from many tasks.
final class TimeBook: Sendable {
    private let entries = Mutex<[String: UInt64]>([:])

    func note(_ key: String, _ at: UInt64) { entries.withLock { $0[key] = at } }
    var count: Int { entries.withLock { $0.count } }
    var snapshot: [String: UInt64] { entries.withLock { $0 } }
}
