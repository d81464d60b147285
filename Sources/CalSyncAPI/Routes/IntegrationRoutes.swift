import CalSyncCore
import CalSyncHTTP
import Foundation

/// Integrations (admin), docs/api.md "Integrations": create, list, read, change, remove (at once, or after
/// deleting the events CalSync pushed: `?purgeCalendars=true`) and initialize (batch sync from a date).
///
/// The client secret is write-only: it is stored and sent to the token endpoint, never returned nor logged.
enum IntegrationRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.post, "/v1/integrations", role: .admin) { try await create($0, context) }
        router.add(.get, "/v1/integrations", role: .admin) { try await list($0, context) }
        router.add(.get, "/v1/integrations/{id}", role: .admin) { try await read($0, context) }
        router.add(.patch, "/v1/integrations/{id}", role: .admin) { try await patch($0, context) }
        router.add(.delete, "/v1/integrations/{id}", role: .admin) { try await remove($0, context) }
        router.add(.post, "/v1/integrations/{id}/initialize", role: .admin) { try await initialize($0, context) }
    }

    // MARK: - Shared by the handlers

    static func notFound(_ id: String) -> APIError { APIError.notFound("Integration `\(APIServer.printable(id))`") }

    static func beingRemoved(_ id: String) -> APIError {
        APIError.conflict(
            "Integration `\(APIServer.printable(id))` is being removed (its pushed events are being deleted); "
                + "it can no longer be changed.")
    }

    /// `now` to the millisecond, as the store keeps instants (so a create answers what a later GET shows).
    static func now(_ context: APIContext) -> Date {
        Date(timeIntervalSince1970: (context.clock.now().timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// A new integration id: `int_` and a lowercase UUID (fits the API's id rule).
    static func newId() -> String { "int_" + UUID().uuidString.lowercased() }
}
