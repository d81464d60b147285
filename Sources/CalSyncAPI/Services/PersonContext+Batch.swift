import CalSyncCore
import CalSyncStore
import Foundation

// MARK: - Many people at once

extension PersonContext {
    /// The integration `load` picks for a person: the first active one covering their establishment,
    /// else the first covering one (`integrations` in the store's order, oldest first).
    static func coveringIntegration(for instructor: Instructor, in integrations: [Integration]) -> Integration? {
        let covering = integrations.filter { $0.covers(establishment: instructor.establishment) }
        return covering.first { $0.status == .active } ?? covering.first
    }

    /// The contexts of many people, in their order, with the same rules as `load` but one query per
    /// integration for matches and pull states instead of two per person (the instructor list).
    static func loadAll(_ instructors: [Instructor], store: CalSyncStore, now: Date) async throws -> [PersonContext] {
        let integrations = try await store.integrations()
        var matches: [String: [String: InstructorMatch]] = [:]
        var states: [String: [String: SyncState]] = [:]
        var contexts: [PersonContext] = []
        contexts.reserveCapacity(instructors.count)
        for instructor in instructors {
            let integration = coveringIntegration(for: instructor, in: integrations)
            var match: InstructorMatch? = nil
            var state: SyncState? = nil
            if let integration {
                if matches[integration.id] == nil {
                    let list = try await store.matches(integrationId: integration.id)
                    matches[integration.id] = Dictionary(list.map { ($0.instructorId, $0) }, uniquingKeysWith: { a, _ in a })
                    let pulls = try await store.syncStates(integrationId: integration.id)
                    states[integration.id] = Dictionary(pulls.map { ($0.instructorId, $0) }, uniquingKeysWith: { a, _ in a })
                }
                match = matches[integration.id]?[instructor.id]
                state = states[integration.id]?[instructor.id]
            }
            let status = PersonSyncStatus.resolve(
                instructor: instructor, integration: integration, match: match,
                state: state, now: now)
            contexts.append(
                PersonContext(
                    instructor: instructor, integration: integration, match: match, state: state,
                    status: status,
                    knownWindow: knownWindow(status: status, state: state, integration: integration, now: now)))
        }
        return contexts
    }

    /// How far the person is matched to a directory user: `pending` until the matcher ran for them.
    var matchStatus: InstructorMatch.Status { match?.status ?? .pending }
}
