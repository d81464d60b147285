import CalSyncHTTP

/// The paths the emulator answers (calendar v3 and directory v1 discovery documents: `rootUrl` + `servicePath` +
/// method path), the token endpoint and the side door. Paths arrive percent-decoded (`bob%40x` is `bob@x`).
enum GoogleRoute: Sendable, Equatable {
    /// `POST /token`: the OAuth 2.0 token endpoint (a key file's `token_uri`).
    case token
    /// `/calendar/v3/calendars/{calendarId}`
    case calendar(String)
    /// `/calendar/v3/calendars/{calendarId}/events`
    case events(String)
    /// `/calendar/v3/calendars/{calendarId}/events/{eventId}`
    case event(String, String)
    /// `/calendar/v3/users/me/settings/{setting}`
    case setting(String)
    /// `/admin/directory/v1/users`
    case users
    /// `POST /batch/calendar/v3`
    case batch
    /// `/_emulator/…`
    case sideDoor([String])
    case unknown

    static func parse(_ path: String) -> GoogleRoute {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.count {
        case 1 where parts[0] == "token": return .token
        case _ where parts.first == "_emulator": return .sideDoor(Array(parts.dropFirst()))
        case 3 where parts == ["batch", "calendar", "v3"]: return .batch
        case 4 where parts == ["admin", "directory", "v1", "users"]: return .users
        default: break
        }
        guard parts.count >= 4, parts[0] == "calendar", parts[1] == "v3" else { return .unknown }
        let rest = Array(parts.dropFirst(2))
        switch (rest.count, rest[0]) {
        case (2, "calendars"): return .calendar(rest[1])
        case (3, "calendars") where rest[2] == "events": return .events(rest[1])
        case (4, "calendars") where rest[2] == "events": return .event(rest[1], rest[3])
        case (4, "users") where rest[1] == "me" && rest[2] == "settings": return .setting(rest[3])
        default: return .unknown
        }
    }

    /// The route with its ids replaced, for statistics: `/calendar/v3/calendars/{calendarId}/events`.
    var template: String {
        switch self {
        case .token: return "/token"
        case .calendar: return "/calendar/v3/calendars/{calendarId}"
        case .events: return "/calendar/v3/calendars/{calendarId}/events"
        case .event: return "/calendar/v3/calendars/{calendarId}/events/{eventId}"
        case .setting: return "/calendar/v3/users/me/settings/{setting}"
        case .users: return "/admin/directory/v1/users"
        case .batch: return "/batch/calendar/v3"
        case .sideDoor: return "/_emulator/…"
        case .unknown: return "(unknown)"
        }
    }

    /// Insert, patch or delete of an event.
    func isEventWrite(_ method: HTTPMethod) -> Bool {
        switch self {
        case .events: return method == .post
        case .event: return method == .patch || method == .delete || method == .put
        default: return false
        }
    }

    /// The scopes that allow `method` on this route (the discovery documents' `scopes` lists).
    func acceptedScopes(_ method: HTTPMethod) -> Set<String> {
        let prefix = "https://www.googleapis.com/auth/"
        let names: [String]
        switch self {
        case .calendar:
            names = [
                "calendar", "calendar.app.created", "calendar.calendars", "calendar.calendars.readonly", "calendar.readonly",
            ]
        case .events, .event:
            names =
                isEventWrite(method)
                ? ["calendar", "calendar.app.created", "calendar.events", "calendar.events.owned"]
                : [
                    "calendar", "calendar.app.created", "calendar.events", "calendar.events.freebusy", "calendar.events.owned",
                    "calendar.events.owned.readonly", "calendar.events.public.readonly", "calendar.events.readonly",
                    "calendar.readonly",
                ]
        case .setting:
            names = ["calendar", "calendar.readonly", "calendar.settings", "calendar.settings.readonly"]
        case .users:
            names = ["admin.directory.user", "admin.directory.user.readonly", "cloud-platform"]
        case .token, .batch, .sideDoor, .unknown:
            names = []
        }
        return Set(names.map { prefix + $0 })
    }
}
