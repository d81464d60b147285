import CalSyncCore
import CalSyncStore
import Foundation

/// One person's availability as the API answers it: busy time always (what we know), free time only where the
/// person's calendar is known: their sync status is ok and the time lies in the window their last pull read
/// (`SyncWindow.known`; docs/product-rules.md, fail closed).
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
        availability = Availability(window: window, busy: intervals, known: person.knownWindow)
    }

    var instructorId: String { person.instructor.id }

    /// The absences' busy time, at the workday hours of the integration covering the person, in their mailbox
    /// zone (the mailbox's own, else the person's, else UTC): the times their calendar shows.
    static func absenceIntervals(_ absences: [Absence], person: PersonContext) -> [BusyInterval] {
        guard !absences.isEmpty else { return [] }
        let settings = person.settings
        let zone = person.calendarZone
        return absences.flatMap { AbsenceRules.busyIntervals(for: $0, settings: settings, zone: zone) }
    }

    /// The person's calendar is in step (sync status ok): empty time inside the synced window is free.
    var isInStep: Bool { person.status == .ok }

    /// All of the window is known: `availability` is `known`.
    var isKnown: Bool { availability.isWhollyKnown }

    /// The part of the window that is known (`knownFrom` … `knownUntil`); nil when none is.
    var knownPart: TimeRange? { availability.known }

    /// All of the window known, and nothing keeps the person busy at any moment of it.
    var freeForWholeRange: Bool { availability.isFreeForWholeWindow }

    /// Whether the person can take the slot: without `minFreeMinutes`, the whole window known and free; with it,
    /// a free stretch of at least that many minutes inside the known part (free time there is known to be free).
    func qualifies(minFreeMinutes: Int?) -> Bool {
        guard let minFreeMinutes else { return availability.isFreeForWholeWindow }
        return availability.hasFreeStretch(minutes: minFreeMinutes)
    }
}
