import CalSyncCore
import Foundation

/// Pull, detect-then-relist (`docs/exchange.md`, "SyncFolderItems" and "CalendarView"): SyncFolderItems says
/// whether anything in the calendar changed (it knows no occurrences, so it cannot say what); only then, or when the
/// window moved, is the window listed again, one month-sized CalendarView page per call. CalSync's own writes alone
/// do not count as a change.
extension ExchangeCalendarProvider {
    /// SyncFolderItems' own ceiling on changes per call.
    static let maxChangesPerCall = 512
    /// The longest CalendarView request (Exchange refuses windows over two years; a month keeps answers small).
    static let pageLength: TimeInterval = 31 * 86_400

    public func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage {
        guard !window.isEmpty else {
            throw CalendarError(.invalidRequest, message: "the sync window \(window) is empty")
        }
        guard let cursor else {
            // A full listing: the sync state first, so a change made while the window is read shows next time.
            let state = try await detect(in: calendar, from: nil).state
            return try await listingPage(in: calendar, window: window, from: window.start, syncState: state)
        }
        let stored = try EWSSyncCursor(cursor)
        if let from = stored.relistFrom, Self.sameWindow(stored.window, window), window.contains(from) {
            return try await listingPage(in: calendar, window: window, from: from, syncState: stored.syncState)
        }
        let (state, changed) = try await detect(in: calendar, from: stored.syncState)
        if !changed, Self.sameWindow(stored.window, window) {
            return ChangePage(
                changes: [], next: .done(EWSSyncCursor(syncState: state, window: window).cursor), isFullListing: false)
        }
        return try await listingPage(in: calendar, window: window, from: window.start, syncState: state)
    }

    /// Follows SyncFolderItems from `state` to the end: the new state, and whether any item was created, changed
    /// or deleted. ErrorInvalidSyncStateData throws `.cursorExpired` (the engine starts a full listing).
    func detect(in calendar: CalendarID, from state: String?) async throws -> (state: String, changed: Bool) {
        var current = state
        var changed = false
        for _ in 0..<10_000 {
            let sent = current
            let messages = try await client.call("SyncFolderItems", as: calendar) { xml in
                xml.element("m:SyncFolderItems") { xml in
                    EWSItemShape.write(fields: [], tag: false, to: &xml)
                    xml.element("m:SyncFolderId") { xml in EWSEnvelope.calendarFolder(calendar, to: &xml) }
                    if let sent { xml.element("m:SyncState", sent) }
                    xml.element("m:MaxChangesReturned", String(Self.maxChangesPerCall))
                }
            }
            let message = try single(messages, "SyncFolderItems")
            guard let next = message.element.message("SyncState")?.value, !next.isEmpty else {
                throw CalendarError(.transient, message: "Exchange's SyncFolderItems answer holds no SyncState")
            }
            for change in message.element.message("Changes")?.children ?? [] where change.namespace == SOAPNamespace.types {
                if isForeign(change) { changed = true }
            }
            current = next
            // The last page, or a server that gave the same state back (nothing further to read).
            if message.element.message("IncludesLastItemInRange")?.boolValue ?? true || next == sent {
                return (next, changed)
            }
        }
        throw CalendarError(.transient, message: "SyncFolderItems did not reach the end of the calendar's changes")
    }

    /// Whether a reported change (`t:Create`, `t:Update`, `t:Delete`) is someone else's: CalSync's own writes
    /// (the same ChangeKey its write returned, or an item it deleted) need no relisting. Read-flag changes never count.
    func isForeign(_ change: SOAPElement) -> Bool {
        switch change.name {
        case "Create", "Update":
            guard let item = change.children.first, let itemId = item.type("ItemId"), let id = itemId.attributes["Id"]
            else { return true }
            return !ownWrites.isOwn(id, changeKey: itemId.attributes["ChangeKey"], deletion: false)
        case "Delete":
            guard let id = change.type("ItemId")?.attributes["Id"] else { return true }
            return !ownWrites.isOwn(id, changeKey: nil, deletion: true)
        default:
            return false
        }
    }

    /// One page of a full listing: the window's month starting at `from`.
    func listingPage(in calendar: CalendarID, window: TimeRange, from: Date, syncState: String) async throws -> ChangePage {
        let page = TimeRange(start: from, end: min(window.end, from.addingTimeInterval(Self.pageLength)))
        let items = try await withTags(try await calendarView(calendar, page), in: calendar)
        let changes = items.map { CalendarChange.upsert($0.external(zones: zones)) }
        let next =
            page.end >= window.end
            ? ChangePage.Next.done(EWSSyncCursor(syncState: syncState, window: window).cursor)
            : ChangePage.Next.more(EWSSyncCursor(syncState: syncState, window: window, relistFrom: page.end).cursor)
        return ChangePage(changes: changes, next: next, isFullListing: true)
    }

    /// The items of `range` (occurrences expanded). A truncated answer (or one over the find limit) is split in
    /// two and both halves are asked again, since a CalendarView cannot be paged.
    func calendarView(_ calendar: CalendarID, _ range: TimeRange) async throws -> [EWSCalendarItem] {
        let messages = try await client.call("FindItem", as: calendar) { xml in
            xml.element("m:FindItem", [("Traversal", "Shallow")]) { xml in
                EWSItemShape.write(to: &xml)
                xml.empty(
                    "m:CalendarView",
                    [
                        ("MaxEntriesReturned", String(calendarViewLimit)), ("StartDate", Timestamp.format(range.start)),
                        ("EndDate", Timestamp.format(range.end)),
                    ])
                xml.element("m:ParentFolderIds") { xml in EWSEnvelope.calendarFolder(calendar, to: &xml) }
            }
        }
        guard let message = messages.first else {
            throw CalendarError(.transient, message: "Exchange's answer to FindItem holds no response message")
        }
        let root = message.element.message("RootFolder")
        let truncated =
            message.code == EWSErrorCode.exceededFindCountLimit
            || (message.isSuccess && ["false", "0"].contains(root?.attributes["IncludesLastItemInRange"]?.lowercased()))
        if truncated, range.duration > 3600 {
            let middle = range.start.addingTimeInterval((range.duration / 2).rounded(.down))
            let first = try await calendarView(calendar, TimeRange(start: range.start, end: middle))
            let second = try await calendarView(calendar, TimeRange(start: middle, end: range.end))
            var seen = Set(first.map(\.id))
            return first + second.filter { seen.insert($0.id).inserted }
        }
        guard message.isSuccess else { throw message.error() }
        let items = EWSCalendarItem.all(in: root?.type("Items"))
        for item in items { changeKeys.remember(item.id, item.changeKey) }
        return items
    }

    /// Items with CalSync's category but no tag are read again with GetItem: a server that leaves extended
    /// properties out of CalendarView answers (`calendarViewReturnsExtendedProperties`) still gets CalSync's own
    /// items recognised.
    func withTags(_ items: [EWSCalendarItem], in calendar: CalendarID) async throws -> [EWSCalendarItem] {
        let missing = items.filter { $0.tag == nil && $0.categories.contains(EventTag.category) }.map(\.id)
        guard !missing.isEmpty else { return items }
        var tags: [String: String] = [:]
        // About ten ids per GetItem: a batch is charged against the account's budget item by item.
        for start in stride(from: 0, to: missing.count, by: 10) {
            for item in try await getItems(Array(missing[start..<min(start + 10, missing.count)]), in: calendar) {
                if let tag = item.tag { tags[item.id] = tag }
            }
        }
        return items.map { item in
            var item = item
            if item.tag == nil { item.tag = tags[item.id] }
            return item
        }
    }

    static func sameWindow(_ a: TimeRange, _ b: TimeRange) -> Bool {
        Int64(a.start.timeIntervalSince1970) == Int64(b.start.timeIntervalSince1970)
            && Int64(a.end.timeIntervalSince1970) == Int64(b.end.timeIntervalSince1970)
    }
}
