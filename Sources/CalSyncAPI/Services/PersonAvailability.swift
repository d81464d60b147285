import CalSyncCore
import CalSyncStore
import Foundation

/// One person's availability as the API answers it: busy time always (what we know), free time only when the
/// person's sync status is ok (design.md, "Availability answers fail closed").
struct PersonAvailability: Sendable {
    let person: PersonContext
    let availability: Availability

    /// Busy time is the person's pulled blocks and their scheduled training assignments (absences join when
    /// the store keeps them). Cancelled training events keep no one busy.
    init(_ facts: AvailabilityFacts, window: TimeRange, now: Date) {
        person = PersonContext.resolve(facts.person, now: now)
        var intervals = facts.blocks
        intervals.reserveCapacity(facts.blocks.count + facts.assignments.count)
        for assignment in facts.assignments where assignment.status == .scheduled {
            intervals.append(
                BusyInterval(
                    start: assignment.start, end: assignment.end, kind: .training, showAs: .busy,
                    isAllDay: false, ref: assignment.eventId))
        }
        availability = Availability(window: window, busy: intervals)
    }

    var instructorId: String { person.instructor.id }

    /// Free time may be claimed only when the person's calendar is in step.
    var isKnown: Bool { person.status == .ok }

    /// Known, and nothing keeps the person busy at any moment of the window.
    var freeForWholeRange: Bool { isKnown && availability.isFreeForWholeWindow }

    /// Whether the person can take the slot: known and, without `minFreeMinutes`, free for the whole window;
    /// with it, some free stretch of at least that many minutes.
    func qualifies(minFreeMinutes: Int?) -> Bool {
        guard isKnown else { return false }
        guard let minFreeMinutes else { return availability.isFreeForWholeWindow }
        return availability.hasFreeStretch(minutes: minFreeMinutes)
    }
}
