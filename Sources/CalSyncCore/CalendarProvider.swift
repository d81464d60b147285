/// The seam between the sync engine and a calendar system. One provider serves one integration (one connection:
/// a tenant and its app, a server and its account, a domain and its service account). The engine speaks instants,
/// IANA zones and local dates; each adapter translates its system's words (zone names, change links, error codes)
/// at its own border, and says what it can do in `capabilities`.
public protocol CalendarProvider: Sendable {
    /// What this calendar system can do: how it reports changes, whether it expands recurrences, how a create is
    /// made idempotent, how many requests may be in flight at once.
    var capabilities: ProviderCapabilities { get }
    /// The directory users that may answer to these addresses (the engine matches them with `EmailMatcher`). A
    /// provider may return more users than asked (a whole directory), never fewer: an address without its user is
    /// reported unmatched.
    func directory(for addresses: [String]) async throws -> [DirectoryUser]
    /// The calendar's zone as an IANA name: all-day events are dates there. A name the engine cannot resolve is
    /// reported and read as UTC.
    func timeZone(of calendar: CalendarID) async throws -> String
    /// One page of changes since `cursor`; nil starts a full listing of `window`. Throws `.cursorExpired` when the
    /// cursor can no longer be followed: the engine then starts a full listing (without wiping anything first).
    func changes(in calendar: CalendarID, window: TimeRange, from cursor: SyncCursor?) async throws -> ChangePage
    /// Reads one event, with CalSync's tag; throws `.notFound` when it is gone.
    func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent
    /// Creates the event and returns its id (stable for the event's life). `idempotencyKey` is the same for every
    /// attempt of one create: a provider that can make a create idempotent with it does (see `capabilities`).
    func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String
    /// Overwrites the event's content with `event`; throws `.notFound` when it is gone.
    func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws
    /// Deletes the event; throws `.notFound` when it is already gone.
    func delete(_ id: String, in calendar: CalendarID) async throws
    /// The id of the event carrying this tag value (after an ambiguous create); nil when there is none.
    func find(tag: String, in calendar: CalendarID) async throws -> String?
}
