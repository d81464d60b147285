import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Changes (docs/google.md, "Reading events", "Incremental sync")

extension GoogleCalendarProvider {
    /// A full listing of `window` (`timeMin`/`timeMax`), page by page, then incremental listings with the last page's
    /// sync token. The sync token is not bound to the window (Google refuses `timeMin`/`timeMax` with it): incremental
    /// pages report changes anywhere in the calendar, with their times, and the engine keeps what lies in its window
    /// (`changeTracking: .unbounded`); deleted events (`cancelled`) are reported removed. Reporting an event outside
    /// the window as removed would make one of CalSync's own events look deleted by its owner.
    /// An expired sync token (410 `fullSyncRequired`) or page token throws
    /// `.cursorExpired`, so the engine lists the window again without wiping anything first.
    public func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage {
        var query: [(String, String)] = [
            ("singleEvents", "true"), ("showDeleted", "true"), ("maxResults", String(settings.pageSize)),
        ]
        let state = try cursor.map { cursor throws(CalendarError) -> GoogleSyncCursor in
            guard let state = GoogleSyncCursor(cursor) else {
                throw CalendarError(
                    .cursorExpired, providerCode: "unreadable_cursor",
                    message: "The stored cursor is not a Google one; listing the window again.")
            }
            return state
        }
        switch state {
        case nil, .fullPage?:
            query += [("timeMin", Timestamp.format(window.start)), ("timeMax", Timestamp.format(window.end))]
        case .sync(let sync)?, .incrementalPage(let sync, _)?:
            query.append(("syncToken", sync))
        }
        switch state {
        case .fullPage(let page)?, .incrementalPage(_, let page)?: query.append(("pageToken", page))
        default: break
        }
        let answer: JSONValue
        do {
            answer = try await send(.get, calendarURL(["events"], query: query), in: calendar)
        } catch let error as CalendarError
            where error.httpStatus == 400 && state != nil
            && error.message.contains("page token")
        {
            throw CalendarError(
                .cursorExpired, httpStatus: 400, providerCode: error.providerCode,
                message: "The page token is no longer valid; listing the window again.")
        }
        let isFull: Bool
        switch state {
        case nil, .fullPage?: isFull = true
        default: isFull = false
        }
        let zoneName = answer["timeZone"]?.stringValue ?? "UTC"
        let changes = (answer["items"]?.arrayValue ?? []).compactMap { item -> CalendarChange? in
            guard let event = GoogleEventReader.read(item, calendarZone: zoneName) else { return nil }
            return event.isCancelled ? .removed(id: event.id) : .upsert(event)
        }
        return ChangePage(changes: changes, next: try next(answer, state: state), isFullListing: isFull)
    }

    private func next(_ answer: JSONValue, state: GoogleSyncCursor?) throws(CalendarError) -> ChangePage.Next {
        if let page = answer["nextPageToken"]?.stringValue, !page.isEmpty {
            switch state {
            case nil, .fullPage?: return .more(GoogleSyncCursor.fullPage(pageToken: page).cursor)
            case .sync(let sync)?, .incrementalPage(let sync, _)?:
                return .more(GoogleSyncCursor.incrementalPage(syncToken: sync, pageToken: page).cursor)
            }
        }
        guard let sync = answer["nextSyncToken"]?.stringValue, !sync.isEmpty else {
            throw CalendarError(
                .transient, providerCode: "no_sync_token",
                message: "Google's last page carried neither a page token nor a sync token.")
        }
        return .done(GoogleSyncCursor.sync(syncToken: sync).cursor)
    }
}
