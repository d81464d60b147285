/// The seam between the sync engine and a calendar service (Microsoft Graph first).
/// One provider serves one integration (one tenant and app registration).
public protocol CalendarProvider: Sendable {
    /// Every user of the directory, all pages followed.
    func directoryUsers() async throws -> [DirectoryUser]
    /// `mailboxSettings.timeZone` as the service returns it (Windows or IANA name).
    func mailboxTimeZone(userId: String) async throws -> String
    /// One page of a calendarView delta round.
    func calendarDelta(userId: String, cursor: DeltaCursor) async throws -> DeltaPage
    /// Creates the event (with its transactionId) and returns the new event's immutable id.
    func createEvent(userId: String, event: OutgoingEvent, transactionId: String) async throws -> String
    /// Overwrites the event's content (PATCH).
    func updateEvent(userId: String, eventId: String, event: OutgoingEvent) async throws
    /// Deletes the event; throws `.notFound` when it is already gone.
    func deleteEvent(userId: String, eventId: String) async throws
    /// Looks an event up by our tag value (after an ambiguous create); nil when absent.
    func findEvent(userId: String, tag: String) async throws -> String?
    /// Reads one event by id, with our tag expanded; throws `.notFound` when it is gone.
    func event(userId: String, eventId: String) async throws -> ExternalEvent
}
