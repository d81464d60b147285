import CalSyncCore
import CalSyncStore
import Foundation

/// A training event as the API shows it (docs/api.md, "Training events"):
///
///     { "id", "title", "start", "end", "timeZone", "location", "description", "status", "instructorIds",
///       "sync": [ { "instructorId", "state": "pending" | "synced" | "error" | "unmatched" | "disabled",
///                   "externalId": "..." | null, "error": {...} | null, "reason": "..." | null,
///                   "conflicts": [ { "kind", "start", "end", "ref" } ] } ] }
///
/// `sync` has one entry per assigned person, in the order of `instructorIds`.
enum EventRepresentation {
    /// The event with its sync state and conflicts per assigned person, read from the store now.
    static func json(_ event: TrainingEvent, store: CalSyncStore) async throws -> [String: Any] {
        let integrations = try await store.integrations()
        let mappings = try await store.mappings(itemKind: .event, itemId: event.id)
        let finder = ConflictFinder(store: store)
        var sync: [Any] = []
        for instructorId in event.instructorIds {
            let state = try await AssignmentSyncState.load(
                eventId: event.id, instructorId: instructorId, integrations: integrations, mappings: mappings,
                store: store)
            let conflicts = try await finder.conflicts(instructorId: instructorId, range: event.range)
                .filter { $0.eventId == event.id }
            var entry = state.json
            entry["conflicts"] = conflicts.map(ConflictRepresentation.with)
            sync.append(entry)
        }
        var json = fields(event)
        json["sync"] = sync
        return json
    }

    /// The event's own fields, as the scheduler sent them (instants in UTC).
    static func fields(_ event: TrainingEvent) -> [String: Any] {
        [
            "id": event.id,
            "title": event.title,
            "start": event.start,
            "end": event.end,
            "timeZone": event.timeZone,
            "location": event.location as Any,
            "description": event.description as Any,
            "status": event.status.rawValue,
            "instructorIds": event.instructorIds,
        ]
    }
}
