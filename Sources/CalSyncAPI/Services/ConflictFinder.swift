import CalSyncCore
import CalSyncStore
import Foundation

/// Conflicts of assignments (design.md, "Detect conflicts"): an assignment that overlaps a busy
/// block of the person's own calendar, another of their assignments, or one of their absences.
public struct ConflictFinder: Sendable {
    public struct Conflict: Sendable, Hashable {
        public var instructorId: String
        public var eventId: String
        public var eventRange: TimeRange
        /// `external` (a busy block), `training` (another assignment) or `absence`.
        public var withKind: String
        public var withRange: TimeRange
        /// The other event's or absence's id; nil for external blocks.
        public var withRef: String?

        public var json: [String: Any] {
            ["kind": withKind, "start": withRange.start, "end": withRange.end, "ref": withRef as Any]
        }
    }

    let store: CalSyncStore

    public init(store: CalSyncStore) { self.store = store }

    /// Conflicts of one person's scheduled assignments overlapping `range` (nil = all).
    public func conflicts(instructorId: String, range: TimeRange?) async throws -> [Conflict] {
        let events = try await store.trainingEvents(instructorId: instructorId, overlapping: range)
            .filter { $0.status == .scheduled && $0.instructorIds.contains(instructorId) }
        guard !events.isEmpty else { return [] }
        let span = TimeRange(start: events.map(\.start).min()!, end: events.map(\.end).max()!)
        let blocks = try await store.busyBlocks(instructorId: instructorId, overlapping: span)
        let absences = try await absenceIntervals(instructorId: instructorId, span: span)
        var found: [Conflict] = []
        for event in events {
            for block in blocks where block.range.overlaps(event.range) {
                found.append(Conflict(instructorId: instructorId, eventId: event.id, eventRange: event.range, withKind: "external",
                                      withRange: block.range, withRef: nil))
            }
            for absence in absences where absence.range.overlaps(event.range) {
                found.append(Conflict(instructorId: instructorId, eventId: event.id, eventRange: event.range, withKind: "absence",
                                      withRange: absence.range, withRef: absence.ref))
            }
            for other in events where other.id != event.id && other.range.overlaps(event.range) {
                found.append(Conflict(instructorId: instructorId, eventId: event.id, eventRange: event.range, withKind: "training",
                                      withRange: other.range, withRef: other.id))
            }
        }
        return found.sorted { ($0.eventRange.start, $0.eventId, $0.withRange.start) < ($1.eventRange.start, $1.eventId, $1.withRange.start) }
    }

    /// The person's absences as busy intervals over `span` (as availability shows them).
    func absenceIntervals(instructorId: String, span: TimeRange) async throws -> [BusyInterval] {
        let utc = TimeZone(identifier: "UTC")!
        let days = LocalDate(span.start, in: utc).adding(days: -1)...LocalDate(span.end, in: utc).adding(days: 1)
        let absences = try await store.absences(personId: instructorId, days: days)
        guard !absences.isEmpty, let instructor = try await store.instructor(id: instructorId) else { return [] }
        let person = try await PersonContext.load(instructor, store: store, now: Date())
        return PersonAvailability.absenceIntervals(absences, person: person)
    }
}
