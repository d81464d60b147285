import CalSyncCore
import CalSyncStore

/// What the admin pages show beside an item's id: a training event's title, an absence's account name ("Paid
/// leave"). Loaded for a whole page at once, one query per kind, never row by row.
struct ItemLabels: Sendable {
    var events: [String: String] = [:]
    var absences: [String: String] = [:]

    static func load(events: Set<String>, absences: Set<String>, store: CalSyncStore) async throws -> ItemLabels {
        ItemLabels(
            events: try await store.trainingEventTitles(ids: events),
            absences: try await store.absenceAccountNames(ids: Set(absences.map(absenceId))))
    }

    /// The labels of the items of push keys (operations).
    static func load(_ keys: [PushKey], store: CalSyncStore) async throws -> ItemLabels {
        try await load(
            events: Set(keys.filter { $0.itemKind == .event }.map(\.itemId)),
            absences: Set(keys.filter { $0.itemKind == .absence }.map(\.itemId)), store: store)
    }

    /// An absence's id from the item id of one of its calendar entries (`abs-1~days` → `abs-1`).
    static func absenceId(_ itemId: String) -> String { AbsenceRules.absenceId(ofItem: itemId) }

    func text(_ kind: ItemKind, _ id: String) -> String? {
        switch kind {
        case .event: events[id]
        case .absence: absences[Self.absenceId(id)]
        }
    }

    /// The label as markup to put after the id: `— Swift Basics`; nil when the item is unknown (deleted since).
    func label(_ kind: ItemKind, _ id: String) -> HTML? {
        text(kind, id).map { "<span class=\"label\">— \($0)</span>" }
    }

    func label(_ key: PushKey) -> HTML? { label(key.itemKind, key.itemId) }
}
