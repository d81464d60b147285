import CalSyncCore
import Foundation

/// Everything one person's availability over a range is computed from, read in one snapshot.
public struct AvailabilityFacts: Sendable, Hashable {
    /// A training assignment of the person: the event's id, times and status.
    public struct Assignment: Sendable, Hashable {
        public var eventId: String
        public var start: Date
        public var end: Date
        public var status: TrainingEvent.Status

        public init(eventId: String, start: Date, end: Date, status: TrainingEvent.Status) {
            self.eventId = eventId
            self.start = start
            self.end = end
            self.status = status
        }
    }

    public var person: PersonSyncFacts
    /// The person's busy blocks (every integration) overlapping the range, as `external` intervals, by start.
    public var blocks: [BusyInterval]
    /// The person's assignments overlapping the range, whatever their status, by start then event id.
    public var assignments: [Assignment]
    /// The person's absences with a day within a day of the range (whatever their status), by start then id:
    /// their times depend on the person's mailbox zone and workday hours, worked out by the caller.
    public var absences: [Absence]

    public init(person: PersonSyncFacts, blocks: [BusyInterval], assignments: [Assignment], absences: [Absence] = []) {
        self.person = person
        self.blocks = blocks
        self.assignments = assignments
        self.absences = absences
    }
}
