import Foundation

/// What an initialization (batch sync from a date) takes up (docs/product-rules.md, "Initialization (batch sync)"): from
/// `since`, for the chosen establishments, every absence and training event ending on or after that date.
///
/// - People: those of an establishment the integration covers and, when establishments are chosen, of one of
///   them (none chosen = every covered one). A person without an establishment is taken only when the
///   integration covers every establishment and none is chosen.
/// - Training events: with at least one of those people assigned, whose last day, read in the event's own
///   `timeZone` (UTC when it names no zone), is `since` or later. Ranges are half-open: an event ending exactly
///   at local midnight of `since` ended on the day before.
/// - Absences: of those people, whose last day is `since` or later.
///
/// Every status counts: a cancelled event or a cancelled or denied absence is an item too (its entries are deleted
/// if any are left). `items` in the answer is how many events and absences were taken, whatever the pushes.
public struct InitializationSelection: Sendable, Hashable {
    /// What was taken: the people and their items.
    public struct Items: Sendable, Hashable {
        public var people: Set<String>
        public var events: [TrainingEvent]
        public var absences: [Absence]

        /// How many items were found (the answer's `items`).
        public var count: Int { events.count + absences.count }
    }

    public var since: LocalDate
    /// The chosen establishments; empty = every establishment the integration covers.
    public var chosen: Set<String>
    /// The establishments the integration covers; empty = all.
    public var covered: [String]

    public init(since: LocalDate, chosen: [String], covered: [String]) {
        self.since = since
        self.chosen = Set(chosen)
        self.covered = covered
    }

    public init(since: LocalDate, chosen: [String], integration: Integration) {
        self.init(since: since, chosen: chosen, covered: integration.establishments)
    }

    /// The position of the first chosen establishment the integration does not cover, if any (an integration
    /// covering every establishment covers any choice).
    public static func firstUncovered(_ chosen: [String], covered: [String]) -> Int? {
        guard !covered.isEmpty else { return nil }
        return chosen.firstIndex { !covered.contains($0) }
    }

    /// Whether a person of this establishment is taken.
    public func takes(establishment: String?) -> Bool {
        guard Integration.covers(establishment: establishment, establishments: covered) else { return false }
        return chosen.isEmpty || establishment.map(chosen.contains) == true
    }

    /// The people, events and absences taken from these, in the order given.
    public func select(instructors: [Instructor], events: [TrainingEvent], absences: [Absence]) -> Items {
        let people = Set(instructors.filter { takes(establishment: $0.establishment) }.map(\.id))
        return Items(
            people: people,
            events: events.filter { event in
                event.instructorIds.contains(where: people.contains) && Self.lastDay(of: event) >= since
            },
            absences: absences.filter { people.contains($0.personId) && $0.end.date >= since })
    }

    /// The local date of the event's last moment in its own zone (UTC when the zone is missing or unknown): the
    /// date its end falls on, or the day before when it ends exactly at the start of a day (00:00, or the first
    /// instant of a day that starts later because of a DST change).
    public static func lastDay(of event: TrainingEvent) -> LocalDate {
        let zone = TimeZone(identifier: event.timeZone) ?? TimeZone(identifier: "UTC")!
        let day = LocalDate(event.end, in: zone)
        guard event.end > event.start, event.end == day.startOfDay(in: zone) else { return day }
        return day.adding(days: -1)
    }
}
