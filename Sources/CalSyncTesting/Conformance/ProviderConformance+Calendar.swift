import CalSyncCore
import Foundation

// MARK: - Recurrences and all-day events

extension ProviderConformance {
    @Sendable static func recurrence(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        // Mondays 19:00–20:00 in Paris from 16 March, 5 times: 30 March is after the DST change (29 March), 13
        // April after the window.
        let choir = PersonEvent(
            "Choir", time: timed("2026-03-16T19:00", "2026-03-16T20:00", zone), recurrence: .init(.weekly, count: 5))
        let retreat = PersonEvent(
            "Retreat", time: timed("2026-03-09T08:00", "2026-03-09T09:00", zone), recurrence: .init(.daily, count: 3))
        let choirId = try await probe.subject.add(choir, to: calendar)
        let retreatId = try await probe.subject.add(retreat, to: calendar)

        let first = try await probe.round(calendar, window: window, from: nil)
        var view = first.applied(to: [:])
        let choirTimes = ["2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"].map {
            timed("\($0)T19:00", "\($0)T20:00", zone)
        }
        let retreatTimes = ["2026-03-09", "2026-03-10", "2026-03-11"].map { timed("\($0)T08:00", "\($0)T09:00", zone) }
        if probe.provider.capabilities.expandsRecurrences {
            try expectOccurrences(probe, view, choirTimes + retreatTimes, after: "a full listing of two series")
        } else {
            try expectMasters(probe, view, [choirId: choirTimes[0], retreatId: retreatTimes[0]], after: "a full listing")
        }

        try await probe.subject.remove(choirId, from: calendar)
        let second = try await probe.round(calendar, window: window, from: first.cursor)
        view = second.applied(to: view)
        if probe.provider.capabilities.expandsRecurrences {
            try expectOccurrences(probe, view, retreatTimes, after: "a round after a series was deleted")
        } else {
            try expectMasters(probe, view, [retreatId: retreatTimes[0]], after: "a round after a series was deleted")
        }
    }

    @Sendable static func allDay(_ probe: ConformanceProbe) async throws {
        // Auckland is 13 hours ahead of UTC in March: a date read as UTC midnight would land on the day before.
        let zone = "Pacific/Auckland"
        var person = Self.ada
        person.zone = zone
        let calendar = try await probe.subject.addPerson(person).id
        let holiday = try await probe.subject.add(.allDay("Holiday", on: date("2026-03-10")), to: calendar)
        let conference = try await probe.subject.add(.allDay("Conference", on: date("2026-03-18"), days: 3), to: calendar)
        let listed = try await probe.round(calendar, window: window, from: nil)
        try expectView(
            probe, listed.applied(to: [:]),
            [
                holiday: .allDay(first: date("2026-03-10"), end: date("2026-03-11")),
                conference: .allDay(first: date("2026-03-18"), end: date("2026-03-21")),
            ], after: "a full listing of all-day events")

        let tag = Self.tag("all-day")
        let days = EventTime.allDay(first: date("2026-03-25"), end: date("2026-03-27"))
        let id = try await probe.provider.create(
            outgoing("Training: Two days", days, zone: zone, tag: tag), in: calendar, idempotencyKey: "conformance-all-day-1")
        let read = try await probe.provider.event(id, in: calendar)
        try probe.expect(
            sameTime(read.time, days), "a created all-day event reads back as \(days), not \(String(describing: read.time))")
    }

    /// The occurrences inside the window (masters left out) take exactly these times.
    static func expectOccurrences(
        _ probe: ConformanceProbe, _ view: [String: ExternalEvent], _ expected: [EventTime], after what: String
    ) throws {
        let spans = view.values.filter { !$0.isSeriesMaster }.compactMap { event -> TimeRange? in
            guard case .timed(let range, _)? = event.time, range.overlaps(window) else { return nil }
            return range
        }
        let wanted = expected.compactMap { time -> TimeRange? in
            if case .timed(let range, _) = time { return range }
            return nil
        }
        let order: (TimeRange, TimeRange) -> Bool = { $0.start < $1.start }
        try probe.expect(
            spans.sorted(by: order) == wanted.sorted(by: order),
            "after \(what) the occurrences are \(spans.sorted(by: order)), expected \(wanted.sorted(by: order))")
    }

    /// The view holds these series masters (at their first occurrence) and nothing else inside the window.
    static func expectMasters(
        _ probe: ConformanceProbe, _ view: [String: ExternalEvent], _ expected: [String: EventTime], after what: String
    ) throws {
        let masters = view.values.filter(\.isSeriesMaster)
        try probe.expect(
            Set(masters.map(\.id)) == Set(expected.keys), "after \(what) the masters are \(masters.map(\.id).sorted())")
        for master in masters {
            try probe.expect(sameTime(master.time, expected[master.id]!), "master \(master.id) is at its first occurrence")
        }
        try probe.expect(
            !view.values.contains { !$0.isSeriesMaster }, "after \(what) a provider listing masters lists no occurrence")
    }
}
