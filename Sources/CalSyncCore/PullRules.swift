import Foundation

/// Turns an event of a person's own calendar into a busy block, or says why not (docs/product-rules.md, "Pull rules").
public enum PullRules {
    public struct Context: Sendable {
        public var integrationId: String
        public var instructorId: String
        /// The mailbox's zone: all-day events are dates in it.
        public var mailboxZone: TimeZone
        public var tentativeCountsAsBusy: Bool
        /// External ids of the events CalSync pushed into this mailbox (echo suppression, first line).
        public var ownEventIds: Set<String>

        public init(integrationId: String, instructorId: String, mailboxZone: TimeZone, tentativeCountsAsBusy: Bool,
                    ownEventIds: Set<String>) {
            self.integrationId = integrationId
            self.instructorId = instructorId
            self.mailboxZone = mailboxZone
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

    public static func decide(_ event: ExternalEvent, context: Context, zones: WindowsZones) -> Decision {
        if isOwn(event, context: context) { return .skip(.ownEvent) }
        if event.isCancelled { return .skip(.cancelled) }
        if event.response?.lowercased() == "declined" { return .skip(.declined) }
        if event.type == "seriesMaster" { return .skip(.seriesMaster) }
        switch event.showAs {
        case .free: return .skip(.free)
        case .workingElsewhere: return .skip(.workingElsewhere)
        case .tentative where !context.tentativeCountsAsBusy: return .skip(.tentative)
        case .busy, .oof, .unknown, .tentative: break
        }
        guard let range = interval(of: event, mailboxZone: context.mailboxZone, zones: zones) else {
            return .skip(.unreadableTime)
        }
        return .block(BusyBlock(integrationId: context.integrationId, instructorId: context.instructorId,
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

    /// The real occupied interval. All-day events are floating dates (Graph renders them as
    /// midnight-to-midnight whatever `Prefer: outlook.timezone` says, docs/microsoft-365.md §4 OBS), so they
    /// become midnight-to-midnight in the mailbox's zone — never UTC midnight.
    public static func interval(of event: ExternalEvent, mailboxZone: TimeZone, zones: WindowsZones) -> TimeRange? {
        guard let startWall = LocalDateTime(event.start.dateTime), let endWall = LocalDateTime(event.end.dateTime) else {
            return nil
        }
        if event.isAllDay {
            let first = startWall.date
            let last = max(endWall.date, first.adding(days: 1))
            return TimeRange(start: first.startOfDay(in: mailboxZone), end: last.startOfDay(in: mailboxZone))
        }
        guard let startZone = zones.timeZone(named: event.start.timeZone),
            let endZone = zones.timeZone(named: event.end.timeZone)
        else { return nil }
        let range = TimeRange(start: startWall.instant(in: startZone), end: endWall.instant(in: endZone))
        return range.isEmpty ? nil : range
    }
}
