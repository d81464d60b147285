import CalSyncCore
import Foundation

// MARK: - Removing an integration after its pushed events are gone (`DELETE …?purgeCalendars=true`)

extension CalSyncStore {
    /// Marks an integration for removal once the events CalSync pushed for it are deleted: it turns inactive at
    /// once (no pull, no new pushes; its pending deletes still run) and `completePurges()` removes it when its last
    /// mapping is gone. Asking again keeps the first request time. Throws `StoreError.notFound` for an unknown id.
    public func requestPurge(integrationId: String, at instant: Date) throws {
        try db.run(
            """
            UPDATE integrations SET status = 'inactive',
                purge_requested_at_ms = coalesce(purge_requested_at_ms, ?)
            WHERE id = ?
            """,
            instant.millisecondsSince1970, integrationId)
        if db.changes == 0 { throw StoreError.notFound("integration \(integrationId)") }
    }

    /// When the removal of this integration was asked for, or nil (not asked, or unknown id).
    public func purgeRequestedAt(integrationId: String) throws -> Date? {
        try db.fetchOne(
            "SELECT purge_requested_at_ms FROM integrations WHERE id = ? AND purge_requested_at_ms IS NOT NULL",
            integrationId
        ) { $0.date(at: 0) }
    }

    /// Every pending purge request, by integration id.
    public func purgeRequests() throws -> [String: Date] {
        let rows = try db.fetchAll(
            "SELECT id, purge_requested_at_ms FROM integrations WHERE purge_requested_at_ms IS NOT NULL"
        ) { ($0.string(at: 0), $0.date(at: 1)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// The integrations waiting to be removed once their pushed events are deleted, oldest request first.
    /// The worker must neither pull nor push for them (they are inactive), only carry out their pending deletes.
    public func integrationsAwaitingPurge() throws -> [Integration] {
        try db.fetchAll(
            """
            SELECT \(IntegrationRow.columns) FROM integrations WHERE purge_requested_at_ms IS NOT NULL
            ORDER BY purge_requested_at_ms, id
            """
        ) { try IntegrationRow.integration(from: $0, sealer: sealer) }
    }

    /// Removes (as `deleteIntegration` does) every integration awaiting purge that has no event mapping left, in
    /// one transaction; returns their ids. The worker calls it after draining the outbox.
    @discardableResult
    public func completePurges() throws -> [String] {
        try db.transaction(.immediate) {
            let done = try db.fetchAll(
                """
                SELECT id FROM integrations i WHERE purge_requested_at_ms IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM event_mappings m WHERE m.integration_id = i.id)
                ORDER BY id
                """
            ) { $0.string(at: 0) }
            for id in done { try deleteIntegration(id: id) }
            return done
        }
    }
}
