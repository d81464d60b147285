import CalSyncCore

/// One person's calendar in the in-memory provider.
struct InMemoryCalendar: Sendable {
    var zone: String
    /// In creation order.
    var items: [InMemoryItem] = []
    /// Bumped by every change of an item: what a detect-then-relist cursor compares.
    var version = 0

    func index(of id: String) -> Int? { items.firstIndex { $0.id == id } }

    /// The item `id` names, itself or one of its occurrences.
    func owner(of id: String) -> Int? {
        index(of: id) ?? items.firstIndex { $0.occurrenceDate(id) != nil }
    }
}
