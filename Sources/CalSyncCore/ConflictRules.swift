import Foundation

/// Conflicts of assignments (docs/product-rules.md, "Detect conflicts"): an assignment that overlaps a busy block of the
/// person's own calendar, one of their absences or another of their assignments is a conflict.
///
/// - Assignments are the person's scheduled training events; cancelled ones conflict with nothing.
/// - Absences count as availability counts them (`AbsenceRules.busyIntervals`): pending and approved ones, at
///   the times the calendar shows; cancelled and denied absences and remote work do not.
/// - Every stored busy block counts (the pull rules already left out free, cancelled and declined events).
/// - Ranges are half-open: an assignment that ends when the other thing starts does not overlap it.
///
/// Each conflict is reported from the side of each assignment involved: two overlapping assignments make two.
public enum ConflictRules {
    /// The person's assignments among `events`: scheduled, with the person assigned.
    public static func assignments(of instructorId: String, in events: [TrainingEvent]) -> [TrainingEvent] {
        events.filter { $0.status == .scheduled && $0.instructorIds.contains(instructorId) }
    }

    /// The conflicts of one person's assignments, in answer order (`Conflict.precedes`).
    ///
    /// - Parameters:
    ///   - events: training events that may be the person's assignments (others are left out).
    ///   - blocks: busy blocks pulled from the person's calendar.
    ///   - absences: the person's absences, read with the `settings` of the integration covering them, in their
    ///     calendar `zone` (`AbsenceRules.calendarZone`).
    public static func conflicts(
        instructorId: String, events: [TrainingEvent], blocks: [BusyBlock], absences: [Absence],
        settings: SyncSettings, zone: TimeZone
    ) -> [Conflict] {
        let assigned = assignments(of: instructorId, in: events)
        guard !assigned.isEmpty else { return [] }
        var others = blocks.map(BusyInterval.init)
        for absence in absences { others += AbsenceRules.busyIntervals(for: absence, settings: settings, zone: zone) }
        others += assigned.map(BusyInterval.init(training:))
        var found: [Conflict] = []
        for event in assigned {
            for other in others where other.range.overlaps(event.range) {
                if other.kind == .training, other.ref == event.id { continue }  // itself
                found.append(
                    Conflict(
                        instructorId: instructorId, eventId: event.id, eventRange: event.range,
                        withKind: other.kind, withRange: other.range, withRef: other.ref))
            }
        }
        return found.sorted(by: Conflict.precedes)
    }
}
