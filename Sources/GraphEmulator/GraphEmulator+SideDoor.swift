import CalSyncCore
import Foundation

// MARK: - Side door, in-process API (not part of Graph)

extension GraphEmulator {
    /// Adds an event as the instructor's own client would (Graph-shaped JSON; may also set
    /// `responseStatus`, `isCancelled`, `organizer`, `id`). Returns the new event's id.
    @discardableResult
    public func addEvent(userId: String, json: Data) throws -> String {
        let body = try parseSideDoorBody(json)
        let user = try mailboxUser(userId)
        let now = clock.now()
        defer { scheduleDeliveries() }
        return try state.withLock { state in
            try Self.createEvent(
                in: &state, userId: user.id, body: body, viaGraph: false, now: now, zones: zones, configuration: configuration
            ).id
        }
    }

    @discardableResult
    public func addEvent(userId: String, json: String) throws -> String {
        try addEvent(userId: userId, json: Data(json.utf8))
    }

    @discardableResult
    public func addEvent(userId: String, json: EmulatorJSON) throws -> String {
        try addEvent(userId: userId, json: json.data)
    }

    /// Edits or moves an event or one occurrence (partial update, like PATCH).
    public func updateEvent(userId: String, eventId: String, json: Data) throws {
        let body = try parseSideDoorBody(json)
        let user = try mailboxUser(userId)
        let now = clock.now()
        defer { scheduleDeliveries() }
        _ = try state.withLock { state in
            try Self.updateEvent(
                in: &state, userId: user.id, eventId: eventId, body: body, viaGraph: false, now: now, zones: zones, ifMatch: nil)
        }
    }

    public func updateEvent(userId: String, eventId: String, json: String) throws {
        try updateEvent(userId: userId, eventId: eventId, json: Data(json.utf8))
    }

    public func updateEvent(userId: String, eventId: String, json: EmulatorJSON) throws {
        try updateEvent(userId: userId, eventId: eventId, json: json.data)
    }

    /// Deletes an item (a series master with its series) or cancels one occurrence.
    public func removeEvent(userId: String, eventId: String) throws {
        let user = try mailboxUser(userId)
        defer { scheduleDeliveries() }
        try state.withLock { state in try Self.deleteEvent(in: &state, userId: user.id, eventId: eventId) }
    }

    /// Every stored item of a mailbox in creation order, including extended properties and transactionIds.
    public func storedEvents(userId: String) -> [EmulatorEventSnapshot] {
        guard let user = state.withLock({ $0.user(userId) }) else { return [] }
        let events = state.withLock { $0.mailboxes[user.id]?.orderedEvents ?? [] }
        return events.map { EmulatorEventSnapshot($0, json: sideDoorJSON($0, owner: user)) }
    }

    /// Evicts every delta and skip token: their next use answers 410 `SyncStateNotFound`.
    public func expireDeltaTokens() {
        state.withLock { $0.delta.removeAll() }
    }

    /// Expires every issued access token: the next Graph call answers 401.
    public func expireAccessTokens() {
        let past = clock.now().addingTimeInterval(-1)
        state.withLock { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.expiresAt = past }
        }
    }

    /// Adds a user (and the events listed with it).
    public func addUser(_ user: EmulatorTenant.User) throws {
        let now = clock.now()
        try state.withLock { state in
            guard state.user(user.id) == nil, state.user(user.userPrincipalName) == nil else {
                throw GraphError(
                    status: 409, code: "Request_BadRequest",
                    message: "Another object with the same value for property userPrincipalName or id already exists.")
            }
            state.appendUser(user)
            for json in user.events ?? [] {
                _ = try Self.createEvent(
                    in: &state, userId: user.id, body: json, viaGraph: false, now: now, zones: zones, configuration: configuration
                )
            }
        }
    }

    /// Request counts by route and status.
    public func stats() -> EmulatorStats {
        state.withLock { $0.stats }
    }

    /// Issues an access token for an app without going through the token endpoint (test convenience).
    public func issueAccessToken(clientId: String) throws -> String {
        guard let app = tenant.apps.first(where: { $0.clientId == clientId }) else {
            throw GraphError(status: 400, code: "unauthorized_client", message: "Unknown client id '\(clientId)'.")
        }
        let now = clock.now()
        return state.withLock { state in
            let lifetime = state.faults.accessTokenLifetimeSeconds ?? configuration.accessTokenLifetimeSeconds
            let token = Self.jwtShaped(app: app, tenantId: tenant.tenantId, now: now, lifetime: lifetime, state: &state)
            state.accessTokens[token] = AccessTokenRecord(
                clientId: app.clientId, roles: Set(app.roles), expiresAt: now.addingTimeInterval(Double(lifetime)))
            return token
        }
    }

    // MARK: - Helpers

    func parseSideDoorBody(_ data: Data) throws(GraphError) -> EmulatorJSON {
        guard let json = try? EmulatorJSON.parse(data), json.objectValue != nil else { throw GraphError.unreadableBody }
        return json
    }

    /// The event representation with the stored zone, plus what only the side door shows.
    func sideDoorJSON(_ event: StoredEvent, owner: EmulatorTenant.User) -> EmulatorJSON {
        let renderer = EventRenderer(zone: GraphDateFormat.utc, zoneLabel: "UTC")
        guard case .object(var o) = renderer.render(EventInstance.item(event), owner: owner) else { return .null }
        o["start"] = event.start.json
        o["end"] = event.end.json
        o["singleValueExtendedProperties"] = .array(event.extendedProperties.map(\.json))
        o["transactionId"] = event.transactionId.map { .string($0) } ?? .null
        o["createdVia"] = event.createdViaGraph ? "graph" : "sideDoor"
        o["cancelledOccurrences"] = .array(event.cancelledDates.sorted().map { .string($0.description) })
        o["exceptionOccurrences"] = .array(
            event.exceptions.keys.sorted().map { .string(OccurrenceId.make(masterId: event.id, date: $0)) })
        return .object(o)
    }
}
