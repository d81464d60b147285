import CalSyncHTTP
import Foundation

// MARK: - events.list: full lists, pages, sync tokens (docs/google.md, "Reading events", "Incremental sync")

extension GoogleEmulator {
    func listEvents(_ calendarId: String, _ context: GoogleRequestContext, token: GoogleAccessToken) throws(GoogleError)
        -> GoogleReply
    {
        let user = try calendarOwner(calendarId, token: token)
        let query = try GoogleEventQuery(context, configuration: configuration)
        let renderer = GoogleEventRenderer(owner: user.primaryEmail, zone: try responseZone(context, user: user))
        let horizon = context.now.addingTimeInterval(Double(configuration.openEndedSeriesHorizonDays) * 86_400)
        return try withState { state throws(GoogleError) -> GoogleReply in
            guard let calendar = state.calendars[user.id] else { throw GoogleError.notFound }
            var page: GoogleEventPage
            if let pageToken = query.pageToken {
                // The same page token may be asked for again (a retry); it stays until evicted.
                guard let stored = state.eventPages[pageToken], stored.userId == user.id else {
                    throw GoogleError.invalid("Invalid page token.", parameter: "pageToken")
                }
                page = stored
            } else if let syncToken = query.syncToken {
                guard let sync = state.syncTokens[syncToken], sync.userId == user.id else { throw GoogleError.fullSyncRequired }
                let items = calendar.changes(since: sync.change, singleEvents: query.singleEvents, limit: horizon).filter {
                    item in
                    item.isCancelled || query.eventTypes.map { $0.contains(item.eventType) } ?? true
                }
                page = GoogleEventPage(
                    userId: user.id, remaining: items.map { $0.isCancelled ? renderer.renderDeleted($0) : renderer.render($0) },
                    syncChange: calendar.change, singleEvents: query.singleEvents, usedSyncToken: true)
            } else {
                let items = fullList(calendar, query, horizon: horizon)
                page = GoogleEventPage(
                    userId: user.id, remaining: items.map { $0.isCancelled ? renderer.renderDeleted($0) : renderer.render($0) },
                    syncChange: calendar.change, singleEvents: query.singleEvents, usedSyncToken: false)
            }
            let items = Array(page.remaining.prefix(query.maxResults))
            page.remaining.removeFirst(items.count)
            let updated = calendar.events.values.map(\.updated).max() ?? context.now
            var body: [String: JSONValue] = [
                "kind": "calendar#events", "etag": .string("\"\(1_685_621_312_000_000 + calendar.change)\""),
                "summary": .string(user.primaryEmail), "description": "",
                "updated": .string(GoogleEventTime.formatMilliseconds(updated)), "timeZone": .string(user.timeZone),
                "accessRole": "owner", "defaultReminders": [["method": "popup", "minutes": 10]], "items": .array(items),
            ]
            // DOC: the last page carries nextSyncToken, every other page nextPageToken, never both.
            if page.remaining.isEmpty {
                let syncToken = state.newToken(prefix: "CPD", length: 29)
                state.syncTokens.insert(
                    syncToken, GoogleSyncToken(userId: user.id, change: page.syncChange, singleEvents: page.singleEvents))
                body["nextSyncToken"] = .string(syncToken)
            } else {
                let pageToken = state.newToken(prefix: "Ci", length: 30)
                state.eventPages.insert(pageToken, page)
                body["nextPageToken"] = .string(pageToken)
            }
            return .ok(.object(body))
        }
    }

    /// A list without sync token: the calendar's items through the filters, in the order asked for.
    private func fullList(_ calendar: GoogleCalendar, _ query: GoogleEventQuery, horizon: Date) -> [GoogleEventView] {
        let limit = query.timeMax ?? horizon
        var items = calendar.items(singleEvents: query.singleEvents, limit: limit).filter { item in
            guard !item.isCancelled || query.includesDeleted(item) else { return false }
            guard item.isSeries, let series = calendar.events[item.id] else { return query.matches(item, zone: calendar.zone) }
            // A series is in the window when one of its occurrences is.
            let inWindow = calendar.occurrenceStarts(series, before: limit).contains { start in
                calendar.occurrence(series, originalStart: start).overlaps(
                    timeMin: query.timeMin, timeMax: query.timeMax, zone: calendar.zone)
            }
            return inWindow && query.matches(item, zone: calendar.zone, checkingWindow: false)
        }
        switch query.orderBy {
        case "startTime":
            items.sort {
                ($0.start.instant(calendarZone: calendar.zone), $0.id) < ($1.start.instant(calendarZone: calendar.zone), $1.id)
            }
        case "updated":
            items.sort { ($0.updated, $0.id) < ($1.updated, $1.id) }
        default:
            break
        }
        return items
    }
}
