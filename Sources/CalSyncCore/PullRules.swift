import Foundation

/// Turns an event of a person's own calendar into a busy block, or says why not (docs/product-rules.md, "Pull rules").
public enum PullRules {
    public struct Context: Sendable {
        public var integrationId: String
        public var instructorId: String
        /// The calendar's zone: all-day events are dates in it.
        public var calendarZone: TimeZone
        public var tentativeCountsAsBusy: Bool
        /// External ids of the events CalSync pushed into this calendar (echo suppression, first line).
        public var ownEventIds: Set<String>

        public init(
            integrationId: String, instructorId: String, calendarZone: TimeZone, tentativeCountsAsBusy: Bool,
            ownEventIds: Set<String>
        ) {
            self.integrationId = integrationId
            self.instructorId = instructorId
            self.calendarZone = calendarZone
            self.tentativeCountsAsBusy = tentativeCountsAsBusy
            self.ownEventIds = ownEventIds
        }
    }

    public enum Skip: String, Sendable, Hashable {
        case free, workingElsewhere, tentative, cancelled, declined, ownEvent, seriesMaster, unreadableTime
    }

    public enum Decision: Sendable, Hashable {
        case block(BusyBlock)
        case skip(Skip)
    }

    public static func decide(_ event: ExternalEvent, context: Context) -> Decision {
        if isOwn(event, context: context) { return .skip(.ownEvent) }
        if event.isCancelled { return .skip(.cancelled) }
        if event.declinedByOwner { return .skip(.declined) }
        if event.isSeriesMaster { return .skip(.seriesMaster) }
        switch event.showAs {
        case .free: return .skip(.free)
        case .workingElsewhere: return .skip(.workingElsewhere)
        case .tentative where !context.tentativeCountsAsBusy: return .skip(.tentative)
        case .busy, .oof, .unknown, .tentative: break
        }
        guard let range = interval(of: event, calendarZone: context.calendarZone) else {
            return .skip(.unreadableTime)
        }
        return .block(
            BusyBlock(
                integrationId: context.integrationId, instructorId: context.instructorId,
                externalId: event.id, start: range.start, end: range.end, showAs: event.showAs,
                isAllDay: event.isAllDay))
    }

    /// Recognises CalSync's own pushed events: the id map first, then the extended-property tag,
    /// then the category.
    public static func isOwn(_ event: ExternalEvent, context: Context) -> Bool {
        if context.ownEventIds.contains(event.id) { return true }
        if let tag = event.tagValue, EventTag.key(from: tag) != nil { return true }
        return event.categories.contains(EventTag.category)
    }

    /// The real occupied interval. All-day events are floating dates (whatever zone the system renders them in), so
    /// they become midnight-to-midnight in the calendar's zone — never UTC midnight. Nil when the time could not be
    /// read or the span is empty.
    public static func interval(of event: ExternalEvent, calendarZone: TimeZone) -> TimeRange? {
        switch event.time {
        case .allDay(let first, let end)?:
            let last = max(end, first.adding(days: 1))
            return TimeRange(start: first.startOfDay(in: calendarZone), end: last.startOfDay(in: calendarZone))
        case .timed(let range, _)?:
            return range.isEmpty ? nil : range
        case nil:
            return nil
        }
    }
}
