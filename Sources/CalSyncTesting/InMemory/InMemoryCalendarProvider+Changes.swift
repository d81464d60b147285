import CalSyncCore
import Foundation

// MARK: - Change listings

extension InMemoryCalendarProvider {
    /// A round starts without a cursor (a full listing of `window`) or from the cursor that ended the previous
    /// round; it is computed whole when it starts and served `pageSize` changes at a time. What the next round
    /// reports depends on `capabilities.changeTracking`:
    /// - windowed: the changes inside the window the listing was started over (an event moved out is removed);
    /// - unbounded: the changes of the whole calendar, inside the window or not;
    /// - detect-then-relist: nothing when nothing changed, else a full listing of `window`.
    public func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage {
        try await perform(.changes, calendar: calendar) { state in
            let current = try state.calendar(calendar)
            let round: InMemoryCursor.Round
            var offset = 0
            if let cursor {
                guard let stored = state.cursors[cursor.value] else {
                    throw CalendarError(
                        .cursorExpired, httpStatus: 410, providerCode: "cursorExpired",
                        message: "the cursor can no longer be followed: list the window again")
                }
                switch stored {
                case .page(let open, let at):
                    round = open
                    offset = at
                case .sync(let point):
                    round = nextRound(after: point, of: current, window: window)
                }
                guard round.calendar == calendar else {
                    throw CalendarError(
                        .invalidRequest, httpStatus: 400, providerCode: "foreignCursor",
                        message: "the cursor belongs to another calendar")
                }
            } else {
                round = fullListing(calendar, current, window: window)
            }
            let end = min(offset + pageSize, round.changes.count)
            let token = state.newId("cursor")
            let next: ChangePage.Next
            if end < round.changes.count {
                state.cursors[token] = .page(round, offset: end)
                next = .more(SyncCursor(token))
            } else {
                state.cursors[token] = .sync(round.end)
                next = .done(SyncCursor(token))
            }
            return ChangePage(changes: Array(round.changes[offset..<end]), next: next, isFullListing: round.isFullListing)
        }
    }

    /// Every entry of the window, and what the caller knows at its end (the whole calendar for unbounded
    /// tracking, so that the next rounds report only what changes).
    func fullListing(_ id: CalendarID, _ calendar: InMemoryCalendar, window: TimeRange) -> InMemoryCursor.Round {
        let listed = entries(of: calendar, in: window)
        let known = capabilities.changeTracking == .unbounded ? entries(of: calendar, in: nil) : listed
        let point = InMemoryCursor.Point(
            calendar: id, window: window, seen: Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            version: calendar.version)
        return InMemoryCursor.Round(calendar: id, changes: listed.map { .upsert($0) }, isFullListing: true, end: point)
    }

    /// The round after `point`, as `capabilities.changeTracking` reports changes.
    func nextRound(after point: InMemoryCursor.Point, of calendar: InMemoryCalendar, window: TimeRange)
        -> InMemoryCursor.Round
    {
        switch capabilities.changeTracking {
        case .detectThenRelist:
            guard calendar.version != point.version else {
                return InMemoryCursor.Round(calendar: point.calendar, changes: [], isFullListing: false, end: point)
            }
            return fullListing(point.calendar, calendar, window: window)
        case .windowed, .unbounded:
            let bound = capabilities.changeTracking == .windowed ? point.window : nil
            let current = entries(of: calendar, in: bound)
            let currentIds = Set(current.map(\.id))
            var changes: [CalendarChange] = current.filter { point.seen[$0.id] != $0 }.map { .upsert($0) }
            changes += point.seen.keys.filter { !currentIds.contains($0) }.sorted().map { .removed(id: $0) }
            var end = point
            end.seen = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            end.version = calendar.version
            return InMemoryCursor.Round(calendar: point.calendar, changes: changes, isFullListing: false, end: end)
        }
    }

    /// The listing's entries of every item (occurrences or masters), in creation order then by time.
    func entries(of calendar: InMemoryCalendar, in window: TimeRange?) -> [ExternalEvent] {
        let zone = TimeZone(identifier: calendar.zone) ?? TimeZone(identifier: "UTC")!
        return calendar.items.flatMap {
            $0.entries(expanding: capabilities.expandsRecurrences, window: window, calendarZone: zone)
        }
    }
}
