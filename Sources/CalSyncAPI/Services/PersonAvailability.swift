import CalSyncCore
import CalSyncStore
import Foundation

/// One person's availability as the API answers it: busy time always (what we know), free time only when the
/// person's sync status is ok (docs/product-rules.md, "Availability answers fail closed").
struct PersonAvailability: Sendable {
    let person: PersonContext
    let availability: Availability

    /// Busy time is the person's pulled blocks, their scheduled training assignments and their absences
    /// (kind `absence`, pending ones as tentative). Cancelled training events, cancelled or denied absences and
    /// remote work keep no one busy.
    init(_ facts: AvailabilityFacts, window: TimeRange, now: Date) {
        person = PersonContext.resolve(facts.person, now: now)
        var intervals = facts.blocks
        intervals.reserveCapacity(facts.blocks.count + facts.assignments.count + facts.absences.count)
        intervals += Self.absenceIntervals(facts.absences, person: person)
        for assignment in facts.assignments where assignment.status == .scheduled {
            intervals.append(
                BusyInterval(
                    start: assignment.start, end: assignment.end, kind: .training, showAs: .busy,
                    isAllDay: false, ref: assignment.eventId))
        }
        availability = Availability(window: window, busy: intervals)
    }

    var instructorId: String { person.instructor.id }

    /// The absences' busy time, at the workday hours of the integration covering the person, in their mailbox
    /// zone (the mailbox's own, else the person's, else UTC): the times their calendar shows.
    static func absenceIntervals(_ absences: [Absence], person: PersonContext) -> [BusyInterval] {
        guard !absences.isEmpty else { return [] }
        let settings = person.settings
        let zone = person.mailboxZone
        return absences.flatMap { AbsenceRules.busyIntervals(for: $0, settings: settings, zone: zone) }
    }

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
