import CalSyncCore
import Foundation

/// A person as the API shows them (docs/api.md, "Instructors"):
///
///     { "id", "name", "email", "establishment", "timeZone", "syncEnabled",
///       "matchStatus": "matched" | "unmatched" | "ambiguous" | "pending",
///       "calendarUser": { "id", "mail" } | null,
///       "syncStatus": "ok" | "stale" | "error" | "unmatched" | "disabled",
///       "lastSyncAt": "..." | null, "lastError": { "code", "message" } | null,
///       "integration": { "id", "name", "type", "status" } | null }
///
/// `timeZone` (the zone the scheduler gave, or null) is an addition to the contract's shape.
enum InstructorRepresentation {
    static func json(_ person: PersonContext) -> [String: Any] {
        let instructor = person.instructor
        return [
            "id": instructor.id,
            "name": instructor.name,
            "email": instructor.email,
            "establishment": instructor.establishment as Any,
            "timeZone": instructor.timeZone as Any,
            "syncEnabled": instructor.syncEnabled,
            "matchStatus": person.matchStatus.rawValue,
            "calendarUser": calendarUser(person) as Any,
            "syncStatus": person.status.rawValue,
            "lastSyncAt": person.lastSyncAt as Any,
            "lastError": lastError(person) as Any,
            "integration": integration(person) as Any,
        ]
    }

    /// The directory user the person is matched to; null unless matched.
    static func calendarUser(_ person: PersonContext) -> [String: Any]? {
        guard let match = person.match, match.status == .matched, let id = match.calendarId else { return nil }
        return ["id": id, "mail": match.calendarAddress as Any]
    }

    /// Why the person is not in step: the last pull error when it is newer than the last success,
    /// else the matcher's reason when the person is unmatched or ambiguous; null when all is well.
    static func lastError(_ person: PersonContext) -> [String: Any]? {
        if let state = person.state, let failedAt = state.lastErrorAt,
            state.lastSuccessAt.map({ failedAt > $0 }) ?? true
        {
            return [
                "code": state.lastErrorCode ?? "sync_failed",
                "message": state.lastErrorMessage ?? "The last sync of this person's calendar failed.",
            ]
        }
        if let match = person.match, match.status == .unmatched || match.status == .ambiguous {
            let fallback =
                match.status == .unmatched
                ? "No directory user has this e-mail address."
                : "Several directory users have this e-mail address."
            return ["code": match.status.rawValue, "message": match.reason ?? fallback]
        }
        return nil
    }

    /// The integration covering the person's establishment, without secrets or settings.
    static func integration(_ person: PersonContext) -> [String: Any]? {
        guard let integration = person.integration else { return nil }
        return [
            "id": integration.id, "name": integration.name, "type": integration.type,
            "status": integration.status.rawValue,
        ]
    }
}
