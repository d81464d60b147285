import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import MicrosoftCalendarKit

/// Microsoft Graph v1.0 with app-only (client-credentials) access: the Microsoft 365 adapter's client. Its own
/// methods speak Graph (users, mailbox settings, calendarView delta, transactionId); `CalendarProvider` maps the
/// engine's neutral calls onto them (`GraphClient+CalendarProvider`).
///
/// Every request carries `Authorization: Bearer …`, `Accept: application/json`, a fresh
/// `client-request-id`, and one `Prefer` header with `IdType="ImmutableId"` (ids survive moves,
/// docs/microsoft-365.md §4) and `outlook.timezone="UTC"`. A 401 invalidates the token and the request is
/// retried once; a second 401 is `.unauthorized`.
///
/// Every request passes the shared `InFlightGate` (≤ 4 in flight per mailbox, none before a
/// mailbox's Retry-After has elapsed) and is retried within one call by `GraphRetryPolicy`
/// (429/503 honour Retry-After; other 5xx and timeouts back off with jitter for idempotent
/// methods; a create whose outcome is unknown throws `.transient` with
/// `CalendarError.outcomeUnknownCode`). What is left comes back classified (`GraphErrorMapper`);
/// a throttled call beyond the budget throws `.throttled` with `retryAfter`, to be requeued.
public struct GraphClient: Sendable {
    public let endpoint: GraphEndpoint
    /// The integration's token source (shared by every request of this client).
    public let tokenProvider: TokenProvider
    let transport: any HTTPTransport
    let zones: WindowsZones
    let clock: any WallClock
    /// Per-mailbox concurrency and Retry-After deferral, shared by every client of the process.
    public let gate: InFlightGate
    public let retryPolicy: GraphRetryPolicy
    /// Coalesces concurrent requests into `$batch` POSTs; nil when batching is off.
    let batcher: RequestBatcher?
    /// Separates this app's mailboxes from other apps' in `gate` (base URL, tenant, client id).
    let gateScope: String

    /// Delta pages are requested with `Prefer: odata.maxpagesize=100` (docs/microsoft-365.md §3b).
    public static let deltaPageSize = 100
    /// A guard against a service that keeps answering with nextLinks.
    static let maxUserPages = 10_000

    /// Throws `CalendarError(.configuration)` when a base URL is refused (see `GraphEndpoint`).
    /// - Parameters:
    ///   - gate: pass one gate to every client of the process (the default `.shared` does that).
    ///   - retryPolicy: retries within one call; `.noRetries` leaves all retrying to the caller.
    ///   - batching: coalesce concurrent requests into `$batch` POSTs (`.standard`), or send each alone (`.off`).
    public init(
        integration: Integration, transport: any HTTPTransport, zones: WindowsZones,
        clock: any WallClock = SystemWallClock(), gate: InFlightGate = .graph,
        retryPolicy: GraphRetryPolicy = .standard, batching: BatchCoalescing = .off
    ) throws {
        let endpoint = try GraphEndpoint(integration: integration)
        self.endpoint = endpoint
        self.transport = transport
        self.zones = zones
        self.clock = clock
        self.gate = gate
        self.retryPolicy = retryPolicy
        self.batcher = RequestBatcher(
            transport: transport, wire: GraphBatchWire(baseURL: endpoint.graphBaseURL), configuration: batching, gate: gate)
        let connection = try Self.connection(of: integration)
        self.gateScope = [endpoint.graphBaseURL, connection.tenantId, connection.clientId]
            .map { $0.lowercased() }.joined(separator: "|")
        self.tokenProvider = TokenProvider(
            endpoint: endpoint, tenantId: connection.tenantId, clientId: connection.clientId,
            clientSecret: connection.clientSecret, transport: transport, clock: clock)
    }

    // MARK: - Directory and mailbox settings (docs/microsoft-365.md §2, §4)

    public func directoryUsers() async throws -> [DirectoryUser] {
        var url = endpoint.graphBaseURL + "/users?$select=id,displayName,mail,userPrincipalName,proxyAddresses&$top=999"
        var users: [DirectoryUser] = []
        var followed: Set<String> = []
        for _ in 0..<Self.maxUserPages {
            let response = try await send(.get, url)
            let page = try GraphResponse.decode(GraphResponse.Page<GraphResponse.User>.self, from: response, what: "users page")
            users += page.value.map(\.directoryUser)
            // Follow the whole nextLink verbatim until there is none; empty pages may still have one.
            guard let next = page.nextLink else { return users }
            guard followed.insert(next).inserted else { throw GraphResponse.malformed("the users nextLink repeats") }
            url = try followable(next)
        }
        throw GraphResponse.malformed("more than \(Self.maxUserPages) pages of users")
    }

    public func mailboxTimeZone(userId: String) async throws -> String {
        let response = try await send(.get, userURL(userId) + "/mailboxSettings")
        let settings = try GraphResponse.decode(GraphResponse.MailboxSettings.self, from: response, what: "mailboxSettings")
        guard let zone = settings.timeZone, !zone.isEmpty else {
            throw GraphResponse.malformed("mailboxSettings has no timeZone", status: response.status)
        }
        return zone
    }

    // MARK: - calendarView delta (docs/microsoft-365.md §3b)

    public func calendarDelta(userId: String, cursor: DeltaCursor) async throws -> DeltaPage {
        let url: String
        switch cursor {
        case .initial(let window):
            url =
                userURL(userId) + "/calendarView/delta?startDateTime=" + Timestamp.format(window.start)
                + "&endDateTime=" + Timestamp.format(window.end)
        case .link(let link):
            // Links encode the window and every option of the first request: follow them verbatim.
            url = try followable(link)
        }
        let response = try await send(.get, url, maxPageSize: Self.deltaPageSize)
        let page = try GraphResponse.decode(GraphResponse.Page<GraphEventDTO>.self, from: response, what: "delta page")
        guard page.nextLink != nil || page.deltaLink != nil else {
            throw GraphResponse.malformed("a delta page has neither @odata.nextLink nor @odata.deltaLink")
        }
        var changes: [CalendarChange] = []
        changes.reserveCapacity(page.value.count)
        for item in page.value { changes.append(try item.deltaChange(zones: zones)) }
        // Exactly one link is meaningful: a nextLink means the round is not over yet.
        return DeltaPage(changes: changes, nextLink: page.nextLink, deltaLink: page.nextLink == nil ? page.deltaLink : nil)
    }

    // MARK: - Events (docs/microsoft-365.md §5)

    public func createEvent(userId: String, event: OutgoingEvent, transactionId: String) async throws -> String {
        let body = try GraphEventPayload(event, transactionId: transactionId, zones: zones).jsonData()
        let response = try await send(.post, userURL(userId) + "/events", body: body)
        return try GraphResponse.decode(GraphResponse.Identified.self, from: response, what: "created event").id
    }

    public func updateEvent(userId: String, eventId: String, event: OutgoingEvent) async throws {
        let body = try GraphEventPayload(event, transactionId: nil, zones: zones).jsonData()
        _ = try await send(.patch, eventURL(userId, eventId), body: body)
    }

    public func deleteEvent(userId: String, eventId: String) async throws {
        _ = try await send(.delete, eventURL(userId, eventId))
    }

    public func findEvent(userId: String, tag: String) async throws -> String? {
        let filter =
            "singleValueExtendedProperties/Any(ep: ep/id eq " + GraphPercentEncoding.odataString(CalSyncNamedProperty.graphId)
            + " and ep/value eq " + GraphPercentEncoding.odataString(tag) + ")"
        let url = userURL(userId) + "/events?$filter=" + GraphPercentEncoding.queryValue(filter) + "&$select=id"
        let response = try await send(.get, url)
        let page = try GraphResponse.decode(
            GraphResponse.Page<GraphResponse.Identified>.self, from: response, what: "event search")
        return page.value.first?.id
    }

    public func event(userId: String, eventId: String) async throws -> ExternalEvent {
        let expand =
            "singleValueExtendedProperties($filter=id eq " + GraphPercentEncoding.odataString(CalSyncNamedProperty.graphId) + ")"
        let url = eventURL(userId, eventId) + "?$expand=" + GraphPercentEncoding.queryValue(expand)
        let response = try await send(.get, url)
        return try GraphResponse.decode(GraphEventDTO.self, from: response, what: "event").externalEvent(zones: zones)
    }

    // MARK: - URLs

    func userURL(_ userId: String) -> String {
        endpoint.graphBaseURL + "/users/" + GraphPercentEncoding.pathSegment(userId)
    }

    func eventURL(_ userId: String, _ eventId: String) -> String {
        userURL(userId) + "/events/" + GraphPercentEncoding.pathSegment(eventId)
    }

    /// A nextLink/deltaLink may be followed only on Graph's own origin: the bearer token goes with it.
    func followable(_ link: String) throws(CalendarError) -> String {
        guard endpoint.isSameOrigin(link) else {
            throw CalendarError(
                .invalidRequest, providerCode: "foreignLink",
                message: "refusing to follow a link outside \(endpoint.graphBaseURL): \(GraphClient.originOf(link))")
        }
        return link
    }

    static func originOf(_ link: String) -> String {
        guard let components = URLComponents(string: link) else { return "an unparsable URL" }
        return "\(components.scheme ?? "?")://\(components.host ?? "?")" + (components.port.map { ":\($0)" } ?? "")
    }
}
