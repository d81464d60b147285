import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation

/// One integration's entry of `GET /v1/sync/status`: its last successful pull, its last error (pull or push)
/// and a diagnosis sentence. The diagnosis comes from `SyncDiagnosis` (CalSyncWorker), the rules
/// `calsync doctor` applies too.
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

    static func load(
        _ integration: Integration, purgeRequestedAt: Date?, store: CalSyncStore, vocabularies: ProviderVocabularies
    ) async throws -> IntegrationHealth {
        let evidence = try await SyncDiagnosis.Evidence.load(
            integrationId: integration.id, store: store, vocabulary: vocabularies.vocabulary(for: integration))
        // A push that failed and waits for its next try (retrying) is a failure too: its error is the newest one.
        let lastFailedPush = try await store.latestOperations(
            integrationId: integration.id, statuses: [.error, .pending], attemptedOnly: true, limit: 1)

        var errors: [LastError] = evidence.states.compactMap { state in
            state.lastErrorAt.map {
                LastError(code: state.lastErrorCode ?? "unknown", message: state.lastErrorMessage ?? "", at: $0)
            }
        }
        if let directory = evidence.directory, let at = directory.lastErrorAt {
            errors.append(
                LastError(code: directory.lastErrorCode ?? "unknown", message: directory.lastErrorMessage ?? "", at: at))
        }
        errors += lastFailedPush.map {
            LastError(code: $0.errorCode ?? "unknown", message: $0.errorMessage ?? "", at: $0.lastAttemptAt ?? $0.createdAt)
        }
        return IntegrationHealth(
            integration: integration,
            lastSuccessAt: evidence.states.compactMap(\.lastSuccessAt).max(),
            lastError: errors.max { $0.at < $1.at },
            diagnosis: evidence.diagnosis(integration, purgeRequested: purgeRequestedAt != nil))
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
