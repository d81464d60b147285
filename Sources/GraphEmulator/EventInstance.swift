import CalSyncCore
import Foundation

/// What calendarView returns: a single instance, an occurrence or an exception of a series, or
/// (only on `/events`) a series master.
struct EventInstance: Sendable {
    enum Kind: String, Sendable {
        case singleInstance, occurrence, exception, seriesMaster
    }

    let id: String
    let kind: Kind
    let event: StoredEvent
    /// For occurrences and exceptions: the date the occurrence had in the pattern.
    let originalDate: LocalDate?
    let start: EventTime
    let end: EventTime
    let properties: [String: EmulatorJSON]
    let changeKey: String
    let modifiedAt: Date

    var startInstant: Date { start.instant }
    var endInstant: Date { end.instant }

    /// True when the instance overlaps `[window.start, window.end)`; a zero-length event counts when
    /// its start lies inside the window.
    func overlaps(_ window: TimeRange) -> Bool {
        let s = startInstant
        let e = endInstant
        if e <= s { return s >= window.start && s < window.end }
        return s < window.end && e > window.start
    }

    /// What delta compares between rounds.
    var fingerprint: String { changeKey + "|" + GraphDateFormat.offsetDateTime(startInstant) }

    /// The instance as `/events` shows an item (single instance or series master).
    static func item(_ event: StoredEvent) -> EventInstance {
        EventInstance(
            id: event.id, kind: event.isSeriesMaster ? .seriesMaster : .singleInstance, event: event, originalDate: nil,
            start: event.start, end: event.end, properties: event.properties, changeKey: event.changeKey,
            modifiedAt: event.modifiedAt)
    }

    /// The occurrence of a series on `date` (with its exception edits applied, if any).
    static func occurrence(_ event: StoredEvent, on date: LocalDate) -> EventInstance {
        let dayShift = event.start.wall.date.days(to: event.end.wall.date)
        let start = event.start.moved(to: date)
        let end = event.end.moved(to: date.adding(days: dayShift))
        let id = OccurrenceId.make(masterId: event.id, date: date)
        guard let edit = event.exceptions[date] else {
            return EventInstance(
                id: id, kind: .occurrence, event: event, originalDate: date, start: start, end: end,
                properties: event.properties, changeKey: event.changeKey, modifiedAt: event.modifiedAt)
        }
        let merged = event.properties.merging(edit.properties) { _, new in new }
        return EventInstance(
            id: id, kind: .exception, event: event, originalDate: date, start: edit.start ?? start, end: edit.end ?? end,
            properties: merged, changeKey: StoredEvent.changeKey(id: id, version: event.version * 1000 + edit.version),
            modifiedAt: max(event.modifiedAt, edit.modifiedAt))
    }

    /// Every instance of `event` overlapping `window` (series expanded, masters not included).
    static func expand(_ event: StoredEvent, in window: TimeRange) -> [EventInstance] {
        guard let recurrence = event.recurrence else {
            let single = item(event)
            return single.overlaps(window) ? [single] : []
        }
        // Occurrence dates whose instance could touch the window: pad by the event's length in days
        // plus the widest zone offsets, then filter on real instants.
        let utc = GraphDateFormat.utc
        let span = event.start.wall.date.days(to: event.end.wall.date) + 2
        let from = LocalDate(window.start, in: utc).adding(days: -span)
        let through = LocalDate(window.end, in: utc).adding(days: 2)
        var result: [EventInstance] = []
        for date in recurrence.occurrenceDates(from: from, through: through) where !event.cancelledDates.contains(date) {
            let instance = occurrence(event, on: date)
            if instance.overlaps(window) { result.append(instance) }
        }
        // Exceptions moved into the window from a date outside the scanned range.
        for (date, _) in event.exceptions where (date < from || date > through) && !event.cancelledDates.contains(date) {
            let instance = occurrence(event, on: date)
            if instance.overlaps(window) { result.append(instance) }
        }
        return result
    }
}

/// Occurrence ids are derived from the master id and the original date, so they are stable and the
/// emulator can find the series again from an occurrence id.
enum OccurrenceId {
    static let prefix = "AAMkAGO"

    static func make(masterId: String, date: LocalDate) -> String {
        prefix + Base64URL.encode(masterId + "|" + date.description) + "="
    }

    static func parse(_ id: String) -> (masterId: String, date: LocalDate)? {
        guard id.hasPrefix(prefix), id.hasSuffix("=") else { return nil }
        let body = String(id.dropFirst(prefix.count).dropLast())
        guard let text = Base64URL.decodeString(body) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, let date = LocalDate(parts[1]) else { return nil }
        return (parts[0], date)
    }
}
