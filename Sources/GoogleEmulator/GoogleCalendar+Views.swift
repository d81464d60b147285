import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Items as lists show them (series expanded or not) and occurrences

extension GoogleCalendar {
    func view(_ event: GoogleStoredEvent) -> GoogleEventView {
        GoogleEventView(
            id: event.id, fields: event.fields, start: event.start, end: event.end, created: event.created,
            updated: event.updated, change: event.change, etag: event.etag, sequence: event.sequence, creator: event.creator,
            organizer: event.organizer)
    }

    /// One occurrence of a series: the series' fields with the occurrence's own changes over them.
    func occurrence(_ series: GoogleStoredEvent, originalStart: GoogleEventTime) -> GoogleEventView {
        let key = GoogleInstanceKey.key(originalStart)
        let exception = series.exceptions[key]
        var fields = series.fields
        fields["recurrence"] = nil
        if let exception { fields = GoogleEventPatch.merge(fields, exception.fields) }
        if series.isCancelled { fields["status"] = "cancelled" }
        let start = exception?.start ?? originalStart
        let end = exception?.end ?? Self.shifted(series.end, by: series.start, to: originalStart, zone: zone)
        return GoogleEventView(
            id: series.id + "_" + key, fields: fields, start: start, end: end, created: series.created,
            updated: max(series.updated, exception?.updated ?? series.updated),
            change: max(series.change, exception?.change ?? 0),
            etag: "\"\(3_181_161_784_700_000 + series.revision + (exception?.revision ?? 0))\"", sequence: series.sequence,
            creator: series.creator, organizer: series.organizer, recurringEventId: series.id, originalStartTime: originalStart)
    }

    /// `end` moved as far as the occurrence moved from the series' first start.
    static func shifted(_ end: GoogleEventTime, by first: GoogleEventTime, to occurrence: GoogleEventTime, zone: TimeZone)
        -> GoogleEventTime
    {
        switch (first, end, occurrence) {
        case (.date(let a), .date(let b), .date(let c)):
            return .date(c.adding(days: a.days(to: b)))
        case (.dateTime(let a, _), .dateTime(let b, let name), .dateTime(let c, _)):
            return .dateTime(c.addingTimeInterval(b.timeIntervalSince(a)), timeZone: name)
        default:
            return end
        }
    }

    /// The zone a series repeats in: its start's `timeZone`, else the calendar's.
    func seriesZone(_ series: GoogleStoredEvent) -> TimeZone {
        series.start.timeZoneName.flatMap(TimeZone.init(identifier:)) ?? zone
    }

    /// Original starts of a series' occurrences before `limit`.
    func occurrenceStarts(_ series: GoogleStoredEvent, before limit: Date) -> [GoogleEventTime] {
        guard let recurrence = series.recurrence else { return [] }
        return recurrence.occurrences(first: series.start, zone: seriesZone(series), before: limit)
    }

    /// A list's items before filtering: with `singleEvents` the one-off events and every occurrence (series left
    /// out), otherwise one-off events, series and the changed or cancelled occurrences of series.
    func items(singleEvents: Bool, limit: Date) -> [GoogleEventView] {
        var result: [GoogleEventView] = []
        for id in order {
            guard let event = events[id] else { continue }
            guard event.recurrence != nil else {
                result.append(view(event))
                continue
            }
            if singleEvents {
                result += occurrenceStarts(event, before: limit).map { occurrence(event, originalStart: $0) }
            } else {
                result.append(view(event))
                result += event.exceptions.values.sorted { $0.change < $1.change }.map {
                    occurrence(event, originalStart: $0.originalStart)
                }
            }
        }
        return result
    }

    /// Items changed after `change`, as an incremental list reports them; with `singleEvents` a changed series
    /// reports every occurrence (up to `limit`), a changed occurrence only itself.
    func changes(since change: Int, singleEvents: Bool, limit: Date) -> [GoogleEventView] {
        var result: [GoogleEventView] = []
        for id in order {
            guard let event = events[id] else { continue }
            guard event.recurrence != nil else {
                if event.change > change { result.append(view(event)) }
                continue
            }
            if event.change > change {
                result +=
                    singleEvents
                    ? occurrenceStarts(event, before: limit).map { occurrence(event, originalStart: $0) } : [view(event)]
                if singleEvents { continue }
            }
            result += event.exceptions.values.filter { $0.change > change }.sorted { $0.change < $1.change }.map {
                occurrence(event, originalStart: $0.originalStart)
            }
        }
        return result
    }

    /// An event, series or occurrence by id (an occurrence id is `seriesId_key`).
    func lookup(_ id: String) -> GoogleEventView? {
        if let event = events[id] { return view(event) }
        guard let (series, originalStart) = occurrenceTarget(id) else { return nil }
        return occurrence(series, originalStart: originalStart)
    }

    /// The series and original start an occurrence id names, if the series has that occurrence.
    func occurrenceTarget(_ id: String) -> (GoogleStoredEvent, GoogleEventTime)? {
        guard let (seriesId, key) = GoogleInstanceKey.split(id), let series = events[seriesId], series.recurrence != nil else {
            return nil
        }
        if let exception = series.exceptions[key] { return (series, exception.originalStart) }
        let probe: GoogleEventTime?
        if key.count == 8 {
            probe = LocalDate(String(key.prefix(4)) + "-" + String(key.dropFirst(4).prefix(2)) + "-" + String(key.suffix(2))).map
            {
                .date($0)
            }
        } else {
            probe = GoogleRecurrence.parseRFC5545(key, parameters: "").map { .dateTime($0, timeZone: series.start.timeZoneName) }
        }
        guard let probe else { return nil }
        let limit = probe.instant(calendarZone: seriesZone(series)).addingTimeInterval(1)
        let match = occurrenceStarts(series, before: limit).last { GoogleInstanceKey.key($0) == key }
        return match.map { (series, $0) }
    }
}
