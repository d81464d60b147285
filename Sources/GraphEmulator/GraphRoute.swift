/// The emulator's routes, parsed from a request path. Graph path segments are case-insensitive;
/// `/v1.0` is optional; the delta function may be written `delta` or `delta()` (the SDK form).
enum GraphRoute: Sendable, Equatable {
    case token(tenant: String)
    case sideDoor([String])
    /// `POST /$batch` (JSON batching, docs/microsoft-365.md §6).
    case batch
    case users
    case user(String)
    case mailboxSettings(String, property: String?)
    case calendarView(String)
    case calendarViewDelta(String)
    case events(String)
    case event(String, eventId: String)
    /// `/subscriptions` and `/subscriptions/{id}` (change notifications).
    case subscriptions
    case subscription(String)
    /// No such resource; carries the first segment that did not resolve.
    case unknown(segment: String)

    static func parse(_ path: String) -> GraphRoute {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.count == 4, segments[1].lowercased() == "oauth2", segments[2].lowercased() == "v2.0",
            segments[3].lowercased() == "token"
        {
            return .token(tenant: segments[0])
        }
        if segments.first == "_emulator" { return .sideDoor(Array(segments.dropFirst())) }
        if segments.first?.lowercased() == "v1.0" { segments.removeFirst() }
        guard let root = segments.first else { return .unknown(segment: "") }
        if root.lowercased() == "$batch", segments.count == 1 { return .batch }
        if root.lowercased() == "subscriptions" {
            if segments.count == 1 { return .subscriptions }
            if segments.count == 2 { return .subscription(segments[1]) }
            return .unknown(segment: segments[2])
        }
        guard root.lowercased() == "users" else { return .unknown(segment: root) }
        guard segments.count > 1 else { return .users }
        let user = segments[1]
        var rest = Array(segments.dropFirst(2))
        guard let head = rest.first else { return .user(user) }
        let lowered = rest.map { $0.lowercased() }
        if lowered[0] == "mailboxsettings" {
            if rest.count == 1 { return .mailboxSettings(user, property: nil) }
            if rest.count == 2 { return .mailboxSettings(user, property: rest[1]) }
            return .unknown(segment: rest[2])
        }
        // `/calendar/…` names the default calendar, the same one the short form uses.
        if lowered[0] == "calendar" {
            rest.removeFirst()
            guard !rest.isEmpty else { return .unknown(segment: head) }
        }
        let tail = rest.map { $0.lowercased() }
        switch tail.count {
        case 1 where tail[0] == "calendarview": return .calendarView(user)
        case 1 where tail[0] == "events": return .events(user)
        case 2 where tail[0] == "calendarview" && isDelta(tail[1]): return .calendarViewDelta(user)
        case 2 where tail[0] == "events": return .event(user, eventId: rest[1])
        default:
            if tail[0] == "calendarview" || tail[0] == "events" { return .unknown(segment: rest[1]) }
            return .unknown(segment: rest[0])
        }
    }

    static func isDelta(_ segment: String) -> Bool {
        ["delta", "delta()", "microsoft.graph.delta", "microsoft.graph.delta()"].contains(segment)
    }

    /// The route with ids replaced, for statistics.
    var template: String {
        switch self {
        case .token: return "/{tenant}/oauth2/v2.0/token"
        case .sideDoor(let parts):
            return "/_emulator/"
                + parts.enumerated().map { $0.offset % 2 == 1 && parts.count > 2 ? "{id}" : $0.element }
                .joined(separator: "/")
        case .batch: return "/$batch"
        case .users: return "/users"
        case .user: return "/users/{id}"
        case .mailboxSettings(_, let property): return "/users/{id}/mailboxSettings" + (property.map { "/" + $0 } ?? "")
        case .calendarView: return "/users/{id}/calendarView"
        case .calendarViewDelta: return "/users/{id}/calendarView/delta"
        case .events: return "/users/{id}/events"
        case .event: return "/users/{id}/events/{id}"
        case .subscriptions: return "/subscriptions"
        case .subscription: return "/subscriptions/{id}"
        case .unknown: return "(unknown)"
        }
    }
}
