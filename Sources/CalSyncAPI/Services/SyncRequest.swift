import CalSyncCore
import CalSyncStore
import Foundation

/// An on-demand sync (`POST /v1/sync`, the admin pages' "Sync now"): of everything, of one integration, of one
/// person. Unknown ids → 404; an inactive integration → 409; a person the named integration does not cover → 422;
/// a run that cannot start → 503. With `acceptDeletions`, the deletions the mass-deletion guard held for the people in
/// scope are accepted first (their next pull applies them; 409 when none is held).
enum SyncRequest {
    static func start(
        integrationId: String?, instructorId: String?, acceptDeletions: Bool = false,
        _ context: APIContext
    ) async throws -> Int64 {
        var integration: Integration? = nil
        if let integrationId {
            guard let found = try await context.store.integration(id: integrationId) else {
                throw APIError.notFound("Integration `\(APIServer.printable(integrationId))`")
            }
            guard found.status == .active else {
                throw APIError.conflict("Integration `\(found.id)` is inactive: it is not synced.")
            }
            integration = found
        }
        if let instructorId {
            guard let person = try await context.store.instructor(id: instructorId) else {
                throw APIError.notFound("Instructor `\(APIServer.printable(instructorId))`")
            }
            if let integration, !integration.covers(establishment: person.establishment) {
                throw APIError.invalid(
                    "instructorId", "Instructor `\(person.id)` is not covered by integration `\(integration.id)`.")
            }
        }
        if acceptDeletions {
            let accepted = try await context.store.acceptHeldDeletions(integrationId: integrationId, instructorId: instructorId)
            guard !accepted.isEmpty else {
                throw APIError.conflict("No pull is held by the mass-deletion guard here; there is nothing to accept.")
            }
        }
        do {
            return try await context.sync.requestSync(integrationId: integrationId, instructorId: instructorId)
        } catch {
            throw APIError.notReady("The sync could not be started; try again shortly.")
        }
    }
}
