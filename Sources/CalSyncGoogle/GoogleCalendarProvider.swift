import CalSyncCore
import CalSyncHTTP
import Foundation

/// Google Workspace calendars through a service account with domain-wide delegation (docs/google.md): CalSync acts
/// as each person (their primary address is their `CalendarID` and the JWT's `sub`) on their primary calendar.
///
/// - Changes: `events.list` with `singleEvents=true` (series expanded into occurrences), a full listing of the
///   window, then the sync token, which covers the whole calendar (the engine keeps what lies in its window).
/// - Creates choose the event's id from the idempotency key, so a repeat answers 409 `duplicate`.
/// - The tag is a private extended property; `find(tag:)` filters on it.
public struct GoogleCalendarProvider: CalendarProvider {
    public let client: GoogleClient
    public let settings: GoogleProviderSettings
    public let key: GoogleServiceAccountKey

    public init(
        key: GoogleServiceAccountKey, settings: GoogleProviderSettings = GoogleProviderSettings(),
        baseURL: String? = nil, transport: any HTTPTransport, clock: any WallClock = SystemWallClock(),
        retry: GoogleRetryPolicy = GoogleRetryPolicy()
    ) throws(CalendarError) {
        let endpoints = try GoogleEndpoints(baseURL: baseURL, tokenURI: key.tokenURI)
        let tokens = try GoogleTokenProvider(key: key, endpoints: endpoints, transport: transport, clock: clock)
        self.client = GoogleClient(
            endpoints: endpoints, tokens: tokens, transport: transport, retry: retry, clock: clock)
        self.settings = settings
        self.key = key
    }

    public var capabilities: ProviderCapabilities {
        ProviderCapabilities(
            changeTracking: .unbounded, expandsRecurrences: true, idempotentCreate: .clientChosenId,
            inFlightLimit: settings.inFlightLimit, inFlightScope: .calendar)
    }

    static let calendarScopes = [GoogleScope.calendar]

    /// `…/calendars/primary/…`, acting as the calendar's owner.
    func calendarURL(_ segments: [String], query: [(String, String)] = []) -> URL {
        GoogleURL.make(client.endpoints.calendarBase, ["calendars", "primary"] + segments, query: query)
    }

    func send(_ method: HTTPMethod, _ url: URL, in calendar: CalendarID, body: JSONValue? = nil) async throws
        -> JSONValue
    {
        try await client.send(method, url, as: calendar, scopes: Self.calendarScopes, body: body)
    }

    public func timeZone(of calendar: CalendarID) async throws -> String {
        let answer = try await send(.get, calendarURL([]), in: calendar)
        // DOC: the calendar's zone is an IANA name; Google's own default is Etc/GMT.
        return answer["timeZone"]?.stringValue ?? "Etc/GMT"
    }

    public func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent {
        let answer = try await send(.get, calendarURL(["events", id]), in: calendar)
        // A deleted event still answers, as `cancelled` (DOC): for CalSync it is gone.
        guard answer["status"]?.stringValue != "cancelled",
            let event = GoogleEventReader.read(answer, calendarZone: answer["start"]?["timeZone"]?.stringValue ?? "UTC")
        else {
            throw CalendarError(.notFound, httpStatus: 410, providerCode: "deleted", message: "The event was deleted.")
        }
        return event
    }
}
