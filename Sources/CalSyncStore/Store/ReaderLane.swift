import CalSyncCore
import Dispatch
import Foundation
import Synchronization

/// One read connection confined to one serial DispatchQueue: a lane of the `ReaderPool`.
///
/// The connection opens on first use, on the lane's queue. Besides the connection, a lane keeps decoded
/// integrations (settings and establishments are JSON): each read compares the stored text and decodes again
/// only when it changed, so the cache is right whoever wrote the database (this process or another one).
/// A lane with its own connection also keeps a `LaneMemo` of people, checked against `PRAGMA data_version`.
final class ReaderLane: @unchecked Sendable {
    // @unchecked: `connection`, `integrationCache` and `memo` are only touched on `queue`; `pending` is atomic.
    let queue: DispatchQueue
    /// Reads queued or running on this lane (the pool sends work to the least busy lane).
    let pending = Atomic<Int>(0)
    /// False for a lane sharing the writer's connection: `data_version` does not see that connection's own
    /// commits, so a memo could not tell when it went stale.
    let memoizes: Bool
    /// People read before; see `LaneMemo`. Only touched on `queue`.
    var memo = LaneMemo()
    private let open: @Sendable () throws -> SQLiteDatabase
    private var connection: SQLiteDatabase?
    private var integrationCache: [String: (text: String, integration: Integration)] = [:]

    init(queue: DispatchQueue, memoizes: Bool, open: @escaping @Sendable () throws -> SQLiteDatabase) {
        self.queue = queue
        self.memoizes = memoizes
        self.open = open
    }

    /// Refreshes the memo against the database's `data_version`; false when this lane keeps no memo.
    func validateMemo(now: ContinuousClock.Instant) throws -> Bool {
        guard memoizes else { return false }
        let version = try db().fetchOne("PRAGMA data_version") { $0.int64(at: 0) } ?? -1
        memo.validate(dataVersion: version, now: now)
        return true
    }

    /// Runs `body` on the lane's queue with its connection.
    func run<T: Sendable>(_ body: @escaping @Sendable (ReaderLane) throws -> T) async throws -> T {
        pending.add(1, ordering: .relaxed)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let result = Result { try body(self) }
                self.pending.subtract(1, ordering: .relaxed)
                continuation.resume(with: result)
            }
        }
    }

    /// The lane's connection. Call only from a `run` body.
    func db() throws -> SQLiteDatabase {
        dispatchPrecondition(condition: .onQueue(queue))
        if let connection { return connection }
        let opened = try open()
        connection = opened
        return opened
    }

    /// Every integration, oldest first, decoding only rows whose stored text changed since the last read.
    func integrations() throws -> [Integration] {
        let rows = try db().fetchAll("SELECT \(CalSyncStore.integrationColumns) FROM integrations ORDER BY created_at_ms, id") {
            row -> (id: String, text: String, integration: Integration) in
            var text = ""
            for column in 0..<Int32(row.columnCount) {
                text += row.string(at: column)
                text += "\u{1F}"
            }
            let id = row.string(at: 0)
            if let cached = integrationCache[id], cached.text == text { return (id, text, cached.integration) }
            return (id, text, try CalSyncStore.integration(from: row))
        }
        var fresh: [String: (text: String, integration: Integration)] = [:]
        let integrations = rows.map { row -> Integration in
            fresh[row.id] = (row.text, row.integration)
            return row.integration
        }
        integrationCache = fresh
        return integrations
    }
}
