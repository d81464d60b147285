import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// A change to an integration (`PATCH /v1/integrations/{id}`, the admin pages' forms): any of name, status,
/// clientSecret, establishments, settings (merged key by key), validated by `IntegrationInput`. A change of status,
/// establishments or settings re-plans the integration's pushes in the same transaction (an inactive integration
/// pushes nothing; its events stay until it is active again). An integration switched back on, covering other
/// establishments or given another connection (a secret, a key, an address) is synced at once (match, pull, push), not at the next cycle.
enum IntegrationChange {
    static func apply(id: String, body: JSONInput, _ context: APIContext) async throws -> Integration {
        let now = IntegrationRoutes.now(context)
        let vocabularies = context.vocabularies
        let (integration, replanned, reconnected) = try await context.store.write { db -> (Integration, Bool, Bool) in
            guard let current = try db.integration(id: id) else { throw IntegrationRoutes.notFound(id) }
            guard try db.purgeRequestedAt(integrationId: id) == nil else { throw IntegrationRoutes.beingRemoved(id) }
            let updated = try IntegrationInput.patched(current, with: body)
            if updated.connection != current.connection { try ConnectionValidation.check(updated, context) }
            try db.saveIntegration(updated)
            let scopeChanged =
                updated.status != current.status || updated.establishments != current.establishments
                || updated.settings != current.settings
            let reconnected =
                updated.status == .active
                && (current.status != .active || updated.establishments != current.establishments
                    || updated.connection != current.connection)
            guard scopeChanged, updated.status == .active else { return (updated, false, reconnected) }
            let written = try OutboxPlanner.enqueueAll(in: db, integration: updated, now: now, vocabularies: vocabularies)
            return (updated, !written.isEmpty, reconnected)
        }
        if replanned { context.sync.wakePusher() }
        if reconnected { context.sync.catchUp(integrationId: id, instructorId: nil) }
        return integration
    }
}
