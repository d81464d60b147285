import CalSyncCore
import CalSyncStore
import Foundation

/// Where the calendar event of one assignment (a training event × an assigned person) stands:
/// one entry of the event representation's `sync` list (docs/api.md, "Training events").
struct AssignmentSyncState: Sendable, Equatable {
    enum State: String, Sendable { case pending, synced, error }

    var instructorId: String
    var state: State
    /// The calendar event's id once it was created.
    var externalId: String?
    /// The failed operation, when `state` is `error`.
    var failure: OperationRecord?

    /// The state from the push key's mapping and its newest operation:
    /// - a pending operation → pending (the pusher has work to do);
    /// - a failed one → error (an admin may retry it or mark it processed);
    /// - a mapping with an external id → synced;
    /// - no mapping after a successful delete → synced (the calendar holds nothing, as wanted);
    /// - nothing yet (unknown, unmatched or disabled person, no integration) → pending.
    static func resolve(instructorId: String, mapping: EventMapping?, latest: OperationRecord?) -> AssignmentSyncState {
        var result = AssignmentSyncState(instructorId: instructorId, state: .pending, externalId: mapping?.externalId)
        switch latest?.status {
        case .pending?:
            result.state = .pending
        case .error?:
            result.state = .error
            result.failure = latest
        default:
            if mapping?.externalId != nil {
                result.state = .synced
            } else if mapping == nil, latest?.action == .delete, latest?.status == .success {
                result.state = .synced
            }
        }
        return result
    }

    /// Loads the state of `instructorId`'s assignment to `eventId`. The push key is in the integration
    /// covering the person (as `PersonContext` picks it), else in the integration of an existing mapping.
    static func load(
        eventId: String, instructorId: String, integrations: [Integration], mappings: [EventMapping],
        store: CalSyncStore
    ) async throws -> AssignmentSyncState {
        let mine = mappings.filter { $0.key.instructorId == instructorId }
        var integrationId = mine.first?.key.integrationId
        if let instructor = try await store.instructor(id: instructorId),
            let covering = PersonContext.coveringIntegration(for: instructor, in: integrations)
        {
            integrationId = covering.id
        }
        guard let integrationId else {
            return AssignmentSyncState(instructorId: instructorId, state: .pending, externalId: nil)
        }
        let key = PushKey(integrationId: integrationId, itemKind: .event, itemId: eventId, instructorId: instructorId)
        let mapping = mine.first { $0.key == key }
        let latest = try await store.latestOperation(for: key)
        return resolve(instructorId: instructorId, mapping: mapping, latest: latest)
    }

    /// `{ "instructorId", "state", "externalId", "error": { "code", "message", "httpStatus" } | null }`
    /// (`error` is an addition to the contract's shape: why an `error` state failed).
    var json: [String: Any] {
        var error: [String: Any]? = nil
        if let failure {
            error = [
                "code": failure.errorCode ?? "push_failed",
                "message": failure.errorMessage ?? "Writing this event to the calendar failed.",
                "httpStatus": failure.httpStatus as Any,
            ]
        }
        return ["instructorId": instructorId, "state": state.rawValue, "externalId": externalId as Any, "error": error as Any]
    }
}
