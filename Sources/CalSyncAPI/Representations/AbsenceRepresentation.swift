import CalSyncCore
import CalSyncStore
import Foundation

/// An absence as the API shows it: the fields as the HR system sent them, plus where each of its calendar
/// entries stands (an addition to the contract, like the training events' `sync`):
///
///     { "id", "personId", "account": { "name", "countsAsAbsence", "publicReason", "remoteWork" },
///       "start": { "date", "half" }, "end": { "date", "half" }, "status",
///       "sync": [ { "itemId", "part", "state": "pending" | "synced" | "error" | "unmatched" | "disabled", "externalId",
///                   "error", "reason" } ] }
///
/// `sync` lists the entries the absence needs in the integration covering the person (one per segment: a run
/// of whole days, a half day), and any entry still in the calendar there that is waiting to be deleted.
enum AbsenceRepresentation {
    static func json(_ absence: Absence, store: CalSyncStore) async throws -> [String: Any] {
        var json = fields(absence)
        json["sync"] = try await sync(absence, store: store)
        return json
    }

    static func fields(_ absence: Absence) -> [String: Any] {
        [
            "id": absence.id,
            "personId": absence.personId,
            "account": [
                "name": absence.account.name,
                "countsAsAbsence": absence.account.countsAsAbsence,
                "publicReason": absence.account.publicReason,
                "remoteWork": absence.account.remoteWork,
            ] as [String: Any],
            "start": ["date": absence.start.date.description, "half": absence.start.half.rawValue],
            "end": ["date": absence.end.date.description, "half": absence.end.half.rawValue],
            "status": absence.status.rawValue,
        ]
    }

    static func sync(_ absence: Absence, store: CalSyncStore) async throws -> [Any] {
        guard let person = try await store.instructor(id: absence.personId),
            let integration = PersonContext.coveringIntegration(for: person, in: try await store.integrations())
        else { return [] }
        let match = try await store.match(instructorId: person.id, integrationId: integration.id)
        let standing = AssignmentSyncState.blocked(instructor: person, integration: integration, match: match)
        let mappings = try await store.absenceMappings(absenceId: absence.id).filter {
            $0.key.integrationId == integration.id && $0.key.instructorId == absence.personId
        }
        var itemIds =
            absence.isActive
            ? AbsenceRules.segments(of: absence, settings: integration.settings).map {
                AbsenceRules.itemId(absenceId: absence.id, part: $0.part)
            } : []
        for mapping in mappings where !itemIds.contains(mapping.key.itemId) { itemIds.append(mapping.key.itemId) }
        var entries: [Any] = []
        for itemId in itemIds {
            let key = PushKey(integrationId: integration.id, itemKind: .absence, itemId: itemId, instructorId: absence.personId)
            let state = AssignmentSyncState.resolve(
                instructorId: absence.personId, mapping: mappings.first { $0.key == key },
                latest: try await store.latestOperation(for: key), blocked: standing)
            var entry = state.json
            entry.removeValue(forKey: "instructorId")
            entry["itemId"] = itemId
            entry["part"] = String(itemId.split(separator: "~", maxSplits: 1).last ?? "")
            entries.append(entry)
        }
        return entries
    }
}
