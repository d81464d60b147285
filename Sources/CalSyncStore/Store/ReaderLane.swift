import CalSyncCore
import Dispatch
import Foundation

/// One read connection of the `ReaderPool`, used by one caller at a time (the one the pool lent it to).
///
/// The connection opens on first use. Besides the connection, a lane keeps decoded integrations (settings
/// and establishments are JSON): each read compares the stored text and decodes again only when it changed,
/// so the cache is right whoever wrote the database (this process or another one). A lane with its own
/// connection also keeps a `LaneMemo` of people, checked against `PRAGMA data_version`.
final class ReaderLane: @unchecked Sendable {
    // @unchecked: `connection`, `integrationCache` and `memo` are only touched by the caller holding the lane
    // (the pool's checkout hands it to one caller at a time, through a lock, which orders the accesses).
    /// Where long reads run, and every read of a lane sharing the writer's connection.
    let queue: DispatchQueue
    /// False for a lane sharing the writer's connection: it must run on the writer's queue, and it keeps no
    /// memo (`data_version` does not see that connection's own commits, so a memo could not tell it went stale).
    let ownConnection: Bool
    /// People read before; see `LaneMemo`. Only touched by the lane's holder.
    var memo = LaneMemo()
    private let open: @Sendable () throws -> SQLiteDatabase
    /// Opens the sealed credentials of the integrations it reads.
    let sealer: CredentialSealer?
    private var connection: SQLiteDatabase?
    private var integrationCache: [String: (text: String, integration: Integration)] = [:]

    init(
        queue: DispatchQueue, ownConnection: Bool, sealer: CredentialSealer?,
        open: @escaping @Sendable () throws -> SQLiteDatabase
    ) {
        self.queue = queue
        self.ownConnection = ownConnection
        self.sealer = sealer
        self.open = open
    }

    /// Refreshes the memo against the database's `data_version`; false when this lane keeps no memo.
    func validateMemo(now: ContinuousClock.Instant) throws -> Bool {
        guard ownConnection else { return false }
        let version = try db().fetchOne("PRAGMA data_version") { $0.int64(at: 0) } ?? -1
        memo.validate(dataVersion: version, now: now)
        return true
    }

    /// Runs `body` on the lane's queue. Call only while holding the lane.
    func runOnQueue<T: Sendable>(_ body: @escaping @Sendable (ReaderLane) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self) }) }
        }
    }

    /// The lane's connection. Call only while holding the lane.
    func db() throws -> SQLiteDatabase {
        if let connection { return connection }
        let opened = try open()
        connection = opened
        return opened
    }

    /// Every integration, oldest first, decoding only rows whose stored text changed since the last read.
    func integrations() throws -> [Integration] {
        let rows = try db().fetchAll("SELECT \(IntegrationRow.columns) FROM integrations ORDER BY created_at_ms, id") {
            row -> (id: String, text: String, integration: Integration) in
            var text = ""
            for column in 0..<Int32(row.columnCount) {
                text += row.string(at: column)
                text += "\u{1F}"
            }
            let id = row.string(at: 0)
            if let cached = integrationCache[id], cached.text == text { return (id, text, cached.integration) }
            return (id, text, try IntegrationRow.integration(from: row, sealer: sealer))
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
