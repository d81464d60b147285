import CalSyncCore
import CalSyncStore
import Foundation

/// One integration's entry of `GET /v1/sync/status`: its last successful pull, its last error (pull or push)
/// and a diagnosis sentence.
struct IntegrationHealth: Sendable {
    struct LastError: Sendable, Hashable {
        var code: String
        var message: String
        var at: Date
    }

    var integration: Integration
    var lastSuccessAt: Date?
    var lastError: LastError?
    var diagnosis: String

    /// How many recent pushes the diagnosis looks at.
    static let recentOperations = 50

    static func load(_ integration: Integration, purgeRequestedAt: Date?, store: CalSyncStore) async throws
        -> IntegrationHealth
    {
        let states = try await store.deltaStates(integrationId: integration.id)
        let matched = try await store.matches(integrationId: integration.id).filter { $0.status == .matched }.count
        let recent = try await store.latestOperations(
            integrationId: integration.id, statuses: [.success, .error], limit: recentOperations)
        let lastFailedPush = try await store.latestOperations(integrationId: integration.id, statuses: [.error], limit: 1)

        var errors: [LastError] = states.compactMap { state in
            state.lastErrorAt.map {
                LastError(code: state.lastErrorCode ?? "unknown", message: state.lastErrorMessage ?? "", at: $0)
            }
        }
        errors += lastFailedPush.map {
            LastError(code: $0.errorCode ?? "unknown", message: $0.errorMessage ?? "", at: $0.lastAttemptAt ?? $0.createdAt)
        }
        let outcomes = states.compactMap(SyncDiagnosis.outcome(of:)) + recent.compactMap(SyncDiagnosis.outcome(of:))
        return IntegrationHealth(
            integration: integration,
            lastSuccessAt: states.compactMap(\.lastSuccessAt).max(),
            lastError: errors.max { $0.at < $1.at },
            diagnosis: SyncDiagnosis.diagnose(
                status: integration.status, purgeRequested: purgeRequestedAt != nil, matchedCount: matched,
                outcomes: outcomes))
    }

    var json: [String: Any] {
        [
            "id": integration.id,
            "name": integration.name,
            "status": integration.status.rawValue,
            "lastSuccessAt": lastSuccessAt as Any,
            "lastError": lastError.map { ["code": $0.code, "message": $0.message] as [String: Any] } as Any,
            "diagnosis": diagnosis,
        ]
    }
}
