import CalSyncCore
import CalSyncHTTP
import Foundation
import MicrosoftCalendarKit

/// A local Microsoft Graph (users, mailboxSettings, calendarView, delta, events) plus the Entra
/// token endpoint, held to the behaviour described in `docs/microsoft-365.md`.
/// It is an `HTTPResponder`: serve it over sockets or call `respond(to:)` in-process.
///
/// Besides Graph it has a side door under `/_emulator/` (no token) for tests and demos: add, move
/// and delete events as the instructor's own client would, expire tokens, read statistics, set
/// faults (`/_emulator/faults`) and read what the client did under throttling (`/_emulator/throttling`).
public final class GraphEmulator: HTTPResponder, Sendable {
    public let tenant: EmulatorTenant
    public let configuration: EmulatorConfiguration
    let zones: WindowsZones
    let clock: any WallClock
    /// All mutable state, guarded by its lock.
    let state: Protected<EmulatorState>
    /// Tenant-file events that could not be loaded (each with the user and the reason); empty when
    /// the tenant file is valid.
    public let tenantIssues: [String]
    /// How the validation handshakes and change notifications reach receivers (libcurl unless a test
    /// passes another transport, e.g. an `InProcessTransport` around its own responder).
    let notificationTransport: any HTTPTransport

    /// - Parameter notificationTransport: what posts handshakes and notifications; nil uses a shared `CurlTransport`.
    public init(
        tenant: EmulatorTenant, configuration: EmulatorConfiguration = .init(), zones: WindowsZones,
        clock: any WallClock = SystemWallClock(), notificationTransport: (any HTTPTransport)? = nil
    ) {
        self.notificationTransport = notificationTransport ?? Self.sharedNotificationTransport
        self.tenant = tenant
        self.configuration = configuration
        self.zones = zones
        self.clock = clock
        var initial = EmulatorState(users: tenant.users, configuration: configuration)
        var issues: [String] = []
        let now = clock.now()
        for user in tenant.users {
            for (index, json) in (user.events ?? []).enumerated() {
                do {
                    _ = try Self.createEvent(
                        in: &initial, userId: user.id, body: json, viaGraph: false, now: now, zones: zones,
                        configuration: configuration)
                } catch {
                    issues.append("\(user.userPrincipalName) event #\(index): \(error)")
                }
            }
        }
        self.state = Protected(initial)
        self.tenantIssues = issues
    }

    // MARK: - HTTPResponder

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let requestId = state.withLock { $0.rng.uuidString() }
        var context = RequestContext(request: request, now: clock.now(), requestId: requestId, arrival: request.receivedAt)
        let route = GraphRoute.parse(request.path)
        let response: HTTPResponse
        switch route {
        case .token(let tenantName):
            response = await handleTokenWithFaults(tenantName, context)
        case .sideDoor(let parts):
            response = handleSideDoor(parts, &context)
        case .subscriptions, .subscription:
            // Change-notification subscriptions: the create call waits for the validation handshake
            // (GraphEmulator+Subscriptions.swift); no injected faults.
            response = await handleSubscriptions(route, &context)
        case .batch:
            // Each item is dispatched through the same pipeline (GraphEmulator+Batch.swift).
            response = await handleBatch(&context)
        default:
            // Authentication, fault injection and throttling observation, then the route
            // (GraphEmulator+Faults.swift).
            response = await handleGraph(route, &context)
        }
        // Status 0: the connection was dropped without a response (the `connectionReset` fault).
        let status = response.dropsConnection ? 0 : response.status
        state.withLock { $0.stats.record(route: "\(request.method.rawValue) \(route.template)", status: status) }
        scheduleDeliveries()
        return response
    }

    func dispatch(_ route: GraphRoute, token: AccessTokenRecord, _ context: inout RequestContext) throws -> GraphReply {
        let method = context.request.method
        switch route {
        case .users:
            try require(method, [.get])
            return try listUsers(token: token, context)
        case .user(let key):
            try require(method, [.get])
            return try getUser(key, token: token, context)
        case .mailboxSettings(let key, let property):
            try require(method, [.get])
            return try mailboxSettings(key, property: property, token: token, context)
        case .calendarView(let key):
            try require(method, [.get])
            return try calendarView(key, token: token, &context)
        case .calendarViewDelta(let key):
            try require(method, [.get])
            return try calendarViewDelta(key, token: token, &context)
        case .events(let key):
            try require(method, [.get, .post])
            return method == .get ? try listEvents(key, token: token, &context) : try createEvent(key, token: token, &context)
        case .event(let key, let eventId):
            try require(method, [.get, .patch, .delete])
            if method == .get { return try getEvent(key, eventId, token: token, &context) }
            if method == .patch { return try patchEvent(key, eventId, token: token, &context) }
            return try deleteEvent(key, eventId, token: token, context)
        case .unknown(let segment):
            throw GraphError.segmentNotFound(segment)
        case .subscriptions, .subscription:
            throw GraphError(
                status: 400, code: "BadRequest", message: "The emulator does not take subscription requests inside $batch.")
        case .token, .sideDoor, .batch:
            throw GraphError.segmentNotFound(context.request.path)
        }
    }

    func require(_ method: HTTPMethod, _ allowed: [HTTPMethod]) throws(GraphError) {
        guard allowed.contains(method) else { throw GraphError.methodNotAllowed }
    }

    // MARK: - Rendering

    static let odataContentType =
        "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

    func commonHeaders(_ context: RequestContext) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers["request-id"] = context.requestId
        headers["client-request-id"] = context.clientRequestId
        headers["Cache-Control"] = "no-cache"
        return headers
    }

    func render(_ reply: GraphReply, _ context: RequestContext) -> HTTPResponse {
        var headers = commonHeaders(context)
        for (name, value) in reply.headers { headers[name] = value }
        if !context.appliedPreferences.isEmpty {
            headers["Preference-Applied"] = context.appliedPreferences.joined(separator: ", ")
        }
        guard let body = reply.body else { return HTTPResponse(status: reply.status, headers: headers) }
        headers["OData-Version"] = "4.0"
        headers["Content-Type"] = Self.odataContentType
        return HTTPResponse(status: reply.status, headers: headers, body: body.data)
    }

    func render(_ error: GraphError, _ context: RequestContext) -> HTTPResponse {
        var headers = commonHeaders(context)
        for (name, value) in error.headers { headers[name] = value }
        headers["Content-Type"] = "application/json"
        let body = error.body(date: context.now, requestId: context.requestId, clientRequestId: context.clientRequestId)
        return HTTPResponse(status: error.status, headers: headers, body: body.data)
    }
}
