import CalSyncCore

/// The engine's neutral calls in Graph's words: a calendar is a user's default calendar (by user id), a change
/// listing is a calendarView delta round bound to its window, a cursor is a nextLink or a deltaLink (followed
/// verbatim), an idempotency key is a `transactionId`, the tag is CalSync's named property, and a zone is read from
/// `mailboxSettings` as a Windows name and answered as IANA.
extension GraphClient: CalendarProvider {
    /// Graph's: delta bound to the window it was started over, occurrences listed, `transactionId` then a tag
    /// search, 4 requests at a time per mailbox (Outlook's limit per app and mailbox).
    public static let capabilities = ProviderCapabilities(
        changeTracking: .windowed, expandsRecurrences: true, idempotentCreate: .keyThenTagLookup, inFlightLimit: 4,
        inFlightScope: .calendar)

    public var capabilities: ProviderCapabilities { Self.capabilities }

    /// The whole directory (one `/users` listing serves every address).
    public func directory(for addresses: [String]) async throws -> [DirectoryUser] {
        try await directoryUsers()
    }

    /// The IANA name of the mailbox's zone; a Windows name CLDR does not map is answered as it is (the engine
    /// reports it and reads all-day events in UTC).
    public func timeZone(of calendar: CalendarID) async throws -> String {
        let raw = try await mailboxTimeZone(userId: calendar)
        return zones.ianaName(for: raw) ?? raw
    }

    public func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage {
        let page = try await calendarDelta(userId: calendar, cursor: cursor.map { .link($0.value) } ?? .initial(window))
        let next: ChangePage.Next
        if let link = page.nextLink {
            next = .more(SyncCursor(link))
        } else if let link = page.deltaLink {
            next = .done(SyncCursor(link))
        } else {
            throw GraphResponse.malformed("a delta page has neither @odata.nextLink nor @odata.deltaLink")
        }
        // A round from no link lists the whole window (Graph reports no @removed in it).
        return ChangePage(changes: page.changes, next: next, isFullListing: cursor == nil)
    }

    public func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent {
        try await event(userId: calendar, eventId: id)
    }

    public func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String {
        try await createEvent(userId: calendar, event: event, transactionId: idempotencyKey)
    }

    public func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws {
        try await updateEvent(userId: calendar, eventId: id, event: event)
    }

    public func delete(_ id: String, in calendar: CalendarID) async throws {
        try await deleteEvent(userId: calendar, eventId: id)
    }

    public func find(tag: String, in calendar: CalendarID) async throws -> String? {
        try await findEvent(userId: calendar, tag: tag)
    }

    /// The Microsoft 365 settings of an integration; `.configuration` for any other kind of connection.
    static func connection(of integration: Integration) throws(CalendarError) -> Microsoft365Connection {
        guard let connection = integration.connection.microsoft365 else {
            throw CalendarError(
                .configuration, providerCode: "invalidURL",
                message: "integration \(integration.id) is not a Microsoft 365 connection (\(integration.type))")
        }
        return connection
    }
}
