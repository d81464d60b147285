import CalSyncCore
import CalSyncStore
import Foundation

/// Where the calendar event of one assignment (a training event × an assigned person) stands:
/// one entry of the event representation's `sync` list (docs/api.md, "Training events"), and of an absence's.
struct AssignmentSyncState: Sendable, Equatable {
    enum State: String, Sendable {
        case pending, synced, error
        /// The person has no calendar CalSync can write to: no directory user, or several, have their address.
        case unmatched
        /// The person's sync is switched off, or no active integration covers them.
        case disabled
    }

    var instructorId: String
    var state: State
    /// The calendar event's id once it was created.
    var externalId: String?
    /// The failed operation, when `state` is `error`.
    var failure: OperationRecord?
    /// Why the person's calendar is not kept in sync, when `state` is `unmatched` or `disabled`.
    var reason: String?

    /// Why nobody can push to the person's calendar now (`unmatched` or `disabled`, with a sentence), or nil when
    /// their pushes go ahead (or wait for their first match, which comes with the next sync).
    /// - Parameters:
    ///   - instructor: the person, nil when the store does not know them.
    ///   - integration: the integration covering them (`PersonContext.coveringIntegration`).
    ///   - match: their match in that integration.
    static func blocked(instructor: Instructor?, integration: Integration?, match: InstructorMatch?) -> (State, String)? {
        guard let instructor else {
            return (.unmatched, "CalSync does not know this person; send them first (PUT /v1/instructors/{id}).")
        }
        guard instructor.syncEnabled else { return (.disabled, "Sync is switched off for this person.") }
        guard let integration else {
            return (.disabled, "No integration covers this person's establishment.")
        }
        guard integration.status == .active else { return (.disabled, "Integration `\(integration.id)` is inactive.") }
        switch match?.status {
        case .unmatched?: return (.unmatched, match?.reason ?? "No directory user has this person's e-mail address.")
        case .ambiguous?: return (.unmatched, match?.reason ?? "Several directory users share this person's e-mail address.")
        case .matched?, .pending?, nil: return nil
        }
    }

    /// The state from the push key's mapping and its newest operation, and whether the person can be pushed to:
    /// - a pending operation → pending (the pusher has work to do);
    /// - a failed one → error (an admin may retry it or mark it processed);
    /// - a person nobody can push to → unmatched or disabled, with the reason (their calendar is not kept in sync;
    ///   an event pushed before stays there, with its id);
    /// - a mapping with an external id → synced;
    /// - no mapping after a successful delete → synced (the calendar holds nothing, as wanted);
    /// - nothing yet (a person not matched yet) → pending.
    static func resolve(
        instructorId: String, mapping: EventMapping?, latest: OperationRecord?,
        blocked: (State, String)? = nil
    ) -> AssignmentSyncState {
        var result = AssignmentSyncState(instructorId: instructorId, state: .pending, externalId: mapping?.externalId)
        switch latest?.status {
        case .pending?:
            result.state = .pending
        case .error?:
            result.state = .error
            result.failure = latest
        default:
            if let (state, reason) = blocked {
                result.state = state
                result.reason = reason
            } else if mapping?.externalId != nil {
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
        let instructor = try await store.instructor(id: instructorId)
        let covering = instructor.flatMap { PersonContext.coveringIntegration(for: $0, in: integrations) }
        var match: InstructorMatch? = nil
        if let covering { match = try await store.match(instructorId: instructorId, integrationId: covering.id) }
        let standing = blocked(instructor: instructor, integration: covering, match: match)
        guard let integrationId = covering?.id ?? mine.first?.key.integrationId else {
            return resolve(instructorId: instructorId, mapping: nil, latest: nil, blocked: standing)
        }
        let key = PushKey(integrationId: integrationId, itemKind: .event, itemId: eventId, instructorId: instructorId)
        let mapping = mine.first { $0.key == key }
        let latest = try await store.latestOperation(for: key)
        return resolve(instructorId: instructorId, mapping: mapping, latest: latest, blocked: standing)
    }

    /// `{ "instructorId", "state", "externalId", "error": { "code", "message", "httpStatus" } | null,
    ///    "reason": "..." | null }` (`error` and `reason` are additions to the contract's shape: why an `error` state
    /// failed, why an `unmatched` or `disabled` person's calendar is not kept in sync).
    var json: [String: Any] {
        var error: [String: Any]? = nil
        if let failure {
            error = [
                "code": failure.errorCode ?? "push_failed",
                "message": failure.errorMessage ?? "Writing this event to the calendar failed.",
                "httpStatus": failure.httpStatus as Any,
            ]
        }
        return [
            "instructorId": instructorId, "state": state.rawValue, "externalId": externalId as Any, "error": error as Any,
            "reason": reason as Any,
        ]
    }
}
