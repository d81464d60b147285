import CalSyncCore
import Foundation

// MARK: - Change listings

extension ProviderConformance {
    @Sendable static func listingThenChanges(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        let side = probe.subject
        let standup = try await side.add(
            .init("Standup", time: timed("2026-03-03T09:00", "2026-03-03T10:00", zone)), to: calendar)
        let dentist = try await side.add(
            .init("Dentist", time: timed("2026-03-04T14:00", "2026-03-04T15:00", zone)), to: calendar)
        let lunch = try await side.add(
            .init("Lunch", time: timed("2026-03-05T12:00", "2026-03-05T13:00", zone), showAs: .free), to: calendar)
        let later = try await side.add(.init("Later", time: timed("2026-05-04T09:00", "2026-05-04T10:00", zone)), to: calendar)

        let first = try await probe.round(calendar, window: window, from: nil)
        try probe.expect(!first.upserts.contains { $0.id == later }, "a full listing of the window lists no event after it")
        var view = first.applied(to: [:])
        try expectView(
            probe, view,
            [
                standup: timed("2026-03-03T09:00", "2026-03-03T10:00", zone),
                dentist: timed("2026-03-04T14:00", "2026-03-04T15:00", zone),
                lunch: timed("2026-03-05T12:00", "2026-03-05T13:00", zone),
            ], after: "the full listing")
        try probe.expect(
            view[lunch]?.showAs == .free, "the free event is listed as free, not \(String(describing: view[lunch]?.showAs))")
        try probe.expect(view[dentist]?.showAs == .busy, "the busy event is listed as busy")

        let review = try await side.add(.init("Review", time: timed("2026-03-06T10:00", "2026-03-06T11:00", zone)), to: calendar)
        try await side.change(
            dentist, in: calendar, to: .init("Dentist", time: timed("2026-03-04T16:00", "2026-03-04T17:00", zone)))
        try await side.remove(standup, from: calendar)
        try await side.change(lunch, in: calendar, to: .init("Lunch", time: timed("2026-06-01T12:00", "2026-06-01T13:00", zone)))

        let second = try await probe.round(calendar, window: window, from: first.cursor)
        view = second.applied(to: view)
        try expectView(
            probe, view,
            [
                dentist: timed("2026-03-04T16:00", "2026-03-04T17:00", zone),
                review: timed("2026-03-06T10:00", "2026-03-06T11:00", zone),
            ], after: "a round after an add, a move, a delete and a move out of the window")

        let idle = try await probe.round(calendar, window: window, from: second.cursor)
        try probe.expect(idle.changes.isEmpty, "a round after no change reports nothing, not \(idle.changes.count) changes")
        view = idle.applied(to: view)

        let retro = try await side.add(.init("Retro", time: timed("2026-03-12T15:00", "2026-03-12T16:00", zone)), to: calendar)
        let third = try await probe.round(calendar, window: window, from: idle.cursor)
        try expectView(
            probe, third.applied(to: view),
            [
                dentist: timed("2026-03-04T16:00", "2026-03-04T17:00", zone),
                review: timed("2026-03-06T10:00", "2026-03-06T11:00", zone),
                retro: timed("2026-03-12T15:00", "2026-03-12T16:00", zone),
            ], after: "a round after an idle round")
    }

    @Sendable static func expiredCursor(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        let standup = try await probe.subject.add(
            .init("Standup", time: timed("2026-03-03T09:00", "2026-03-03T10:00", zone)), to: calendar)
        let first = try await probe.round(calendar, window: window, from: nil)
        try await probe.subject.expireCursors()
        try await probe.expectError([.cursorExpired], "following an expired cursor") {
            try await probe.provider.changes(in: calendar, window: window, from: first.cursor)
        }
        let again = try await probe.round(calendar, window: window, from: nil)
        try expectView(
            probe, again.applied(to: [:]), [standup: timed("2026-03-03T09:00", "2026-03-03T10:00", zone)],
            after: "a full listing after an expired cursor")
    }

    /// The entries of `view` that are single events or occurrences inside the window, with these ids and times.
    static func expectView(
        _ probe: ConformanceProbe, _ view: [String: ExternalEvent], _ expected: [String: EventTime], after what: String
    ) throws {
        let inside = view.values.filter { !$0.isSeriesMaster && $0.time.map { overlapsWindow($0) } ?? false }
        let found = Dictionary(inside.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        try probe.expect(
            Set(found.keys) == Set(expected.keys),
            "after \(what) the window holds \(found.keys.sorted()), expected \(expected.keys.sorted())")
        for (id, time) in expected {
            try probe.expect(
                sameTime(found[id]?.time, time),
                "after \(what) \(id) is at \(String(describing: found[id]?.time)), expected \(time)")
        }
    }

    /// Timed spans compare as instants (the zone they are shown in may differ); all-day spans as dates.
    static func sameTime(_ a: EventTime?, _ b: EventTime) -> Bool {
        switch (a, b) {
        case (.timed(let x, _)?, .timed(let y, _)): return x == y
        case (.allDay(let f1, let e1)?, .allDay(let f2, let e2)): return f1 == f2 && e1 == e2
        default: return false
        }
    }

    /// Whether the time overlaps the checks' window (all-day dates read in UTC: the checks keep them well inside).
    static func overlapsWindow(_ time: EventTime) -> Bool {
        switch time {
        case .timed(let range, _): return range.overlaps(window)
        case .allDay(let first, let end):
            let utc = TimeZone(identifier: "UTC")!
            return TimeRange(start: first.startOfDay(in: utc), end: end.startOfDay(in: utc)).overlaps(window)
        }
    }
}
