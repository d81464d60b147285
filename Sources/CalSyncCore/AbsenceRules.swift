import Foundation

/// How an absence looks in a person's calendar (docs/product-rules.md, "Push rules — absences"): label, show-as,
/// status, whole days as one all-day event over the run of days, half days as timed entries at the
/// workday hours — all in the person's calendar time zone.
public enum AbsenceRules {
    /// One calendar entry of an absence: a run of whole days, or a timed piece of a day.
    public struct Segment: Sendable, Hashable {
        public enum Shape: Sendable, Hashable {
            /// Whole days [first, last] inclusive, an all-day event.
            case allDay(first: LocalDate, last: LocalDate)
            /// A timed entry on one date, wall-clock times in the calendar zone.
            case timed(date: LocalDate, from: LocalTime, to: LocalTime)
        }

        /// Stable within an absence: `am` (the morning of the last day), `days`, `pm` (the afternoon of the
        /// first day), or `day` (a one-day absence sent as a timed entry).
        public var part: String
        public var shape: Shape

        /// The interval it occupies in `zone`.
        public func range(in zone: TimeZone) -> TimeRange {
            switch shape {
            case .allDay(let first, let last):
                return TimeRange(start: first.startOfDay(in: zone), end: last.adding(days: 1).startOfDay(in: zone))
            case .timed(let date, let from, let to):
                return TimeRange(
                    start: LocalDateTime(date: date, hour: from.hour, minute: from.minute).instant(in: zone),
                    end: LocalDateTime(date: date, hour: to.hour, minute: to.minute).instant(in: zone))
            }
        }
    }

    /// The pieces of an absence: an afternoon on the first day when it starts at noon, the run of whole
    /// days, a morning on the last day when it ends at noon. `wholeDaysAsTimedEntries` sends a one-day
    /// absence as a timed entry at the workday hours instead of an all-day event.
    public static func segments(of absence: Absence, settings: SyncSettings) -> [Segment] {
        let start = absence.start
        let end = absence.end
        guard end.ordinal >= start.ordinal else { return [] }
        let workday = settings.workday
        let half = settings.halfDay
        if start.date == end.date {
            switch (start.half, end.half) {
            case (.am, .am): return [Segment(part: "am", shape: .timed(date: start.date, from: workday.start, to: half.amEnd))]
            case (.pm, .pm): return [Segment(part: "pm", shape: .timed(date: start.date, from: half.pmStart, to: workday.end))]
            default: return [wholeDays(start.date, start.date, settings: settings)]
            }
        }
        var pieces: [Segment] = []
        var firstWhole = start.date
        var lastWhole = end.date
        if start.half == .pm {
            pieces.append(Segment(part: "pm", shape: .timed(date: start.date, from: half.pmStart, to: workday.end)))
            firstWhole = start.date.adding(days: 1)
        }
        if end.half == .am { lastWhole = end.date.adding(days: -1) }
        if firstWhole <= lastWhole { pieces.append(wholeDays(firstWhole, lastWhole, settings: settings)) }
        if end.half == .am {
            pieces.append(Segment(part: "am", shape: .timed(date: end.date, from: workday.start, to: half.amEnd)))
        }
        return pieces
    }

    static func wholeDays(_ first: LocalDate, _ last: LocalDate, settings: SyncSettings) -> Segment {
        if first == last, settings.wholeDaysAsTimedEntries {
            return Segment(part: "day", shape: .timed(date: first, from: settings.workday.start, to: settings.workday.end))
        }
        return Segment(part: "days", shape: .allDay(first: first, last: last))
    }

    /// The event's subject: "Absent" when labels are hidden (unless the account's reason is public),
    /// else the account's name.
    public static func label(for absence: Absence, settings: SyncSettings) -> String {
        settings.hideLabels && !absence.account.publicReason ? "Absent" : absence.account.name
    }

    /// The event's show-as (docs/product-rules.md, "Status" then "Show as"): a pending absence is tentative, whatever its
    /// account, remote work included; once approved, remote work is free, a real absence is busy (or oof per
    /// `absenceShowAs`), anything else is working elsewhere. (Availability is another matter: remote work,
    /// pending or approved, is never busy time there; see `busyIntervals(for:settings:zone:)`.)
    public static func showAs(for absence: Absence, settings: SyncSettings) -> ShowAs {
        if absence.status == .pending { return .tentative }
        if absence.account.remoteWork { return .free }
        if absence.account.countsAsAbsence { return settings.absenceShowAs == "oof" ? .oof : .busy }
        return .workingElsewhere
    }

    /// The push key of one segment: the absence id and the segment's part (`~` cannot occur in ids).
    public static func itemId(absenceId: String, part: String) -> String { "\(absenceId)~\(part)" }

    /// The absence id of a segment's item id.
    public static func absenceId(ofItem itemId: String) -> String {
        itemId.split(separator: "~", maxSplits: 1).first.map(String.init) ?? itemId
    }

    /// The part of a segment's item id (`days` for `a-1~days`); nil when it has none.
    public static func part(ofItem itemId: String) -> String? {
        guard let separator = itemId.firstIndex(of: "~") else { return nil }
        let part = itemId[itemId.index(after: separator)...]
        return part.isEmpty ? nil : String(part)
    }

    /// The calendar events an absence needs in the person's calendar (none when cancelled or denied).
    public static func outgoing(for absence: Absence, integrationId: String, settings: SyncSettings, calendarZone: TimeZone)
        -> [(key: PushKey, event: OutgoingEvent)]
    {
        guard absence.isActive else { return [] }
        let subject = label(for: absence, settings: settings)
        let show = showAs(for: absence, settings: settings)
        return segments(of: absence, settings: settings).map { segment in
            let key = PushKey(
                integrationId: integrationId, itemKind: .absence,
                itemId: itemId(absenceId: absence.id, part: segment.part), instructorId: absence.personId)
            let time: EventTime
            switch segment.shape {
            case .allDay(let first, let last):
                time = .allDay(first: first, end: last.adding(days: 1))
            case .timed(let date, let from, let to):
                let start = LocalDateTime(date: date, hour: from.hour, minute: from.minute)
                let end = LocalDateTime(date: date, hour: to.hour, minute: to.minute)
                time = .timed(
                    TimeRange(start: start.instant(in: calendarZone), end: end.instant(in: calendarZone)),
                    zone: calendarZone.identifier)
            }
            let body =
                absence.status == .pending
                ? "Absence requested, awaiting approval. Managed by CalSync." : "Absence. Managed by CalSync."
            return (
                key,
                OutgoingEvent(
                    subject: subject, bodyText: body, location: nil,
                    time: time, zone: calendarZone.identifier, showAs: show, isReminderOn: false, categories: [EventTag.category],
                    tag: EventTag.value(for: key))
            )
        }
    }
}
