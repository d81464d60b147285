import CalSyncCore
import CalSyncStore
import Foundation

/// Loads what one person's conflicts are computed from (their assignments, busy blocks and absences, and the
/// settings and zone their absences are read with) and leaves the rule to `ConflictRules` (docs/product-rules.md, "Detect
/// conflicts").
public struct ConflictFinder: Sendable {
    /// The conflict value of the core (`CalSyncCore.Conflict`), under the name callers know.
    public typealias Conflict = CalSyncCore.Conflict

    let store: CalSyncStore

    public init(store: CalSyncStore) { self.store = store }

    /// Conflicts of one person's scheduled assignments overlapping `range` (nil = all), in answer order.
    public func conflicts(instructorId: String, range: TimeRange?) async throws -> [Conflict] {
        let events = ConflictRules.assignments(
            of: instructorId, in: try await store.trainingEvents(instructorId: instructorId, overlapping: range))
        guard let start = events.map(\.start).min(), let end = events.map(\.end).max() else { return [] }
        let span = TimeRange(start: start, end: end)
        let blocks = try await store.busyBlocks(instructorId: instructorId, overlapping: span)
        let (absences, person) = try await absences(instructorId: instructorId, span: span)
        return ConflictRules.conflicts(
            instructorId: instructorId, events: events, blocks: blocks, absences: absences,
            settings: person?.settings ?? SyncSettings(), zone: person?.calendarZone ?? TimeZone(identifier: "UTC")!)
    }

    /// The person's absences with a day within a day of `span` (UTC dates: any mailbox zone is within a day of
    /// UTC), and their context when there are some (the person's context is read only then).
    func absences(instructorId: String, span: TimeRange) async throws -> ([Absence], PersonContext?) {
        let utc = TimeZone(identifier: "UTC")!
        let days = LocalDate(span.start, in: utc).adding(days: -1)...LocalDate(span.end, in: utc).adding(days: 1)
        let absences = try await store.absences(personId: instructorId, days: days)
        guard !absences.isEmpty, let instructor = try await store.instructor(id: instructorId) else { return ([], nil) }
        return (absences, try await PersonContext.load(instructor, store: store, now: Date()))
    }
}
