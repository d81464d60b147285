import CalSyncHTTP
import Foundation

// MARK: - /users/{id}/events and /users/{id}/events/{id} (docs/microsoft-365.md §5)

extension GraphEmulator {
    func listEvents(_ key: String, token: AccessTokenRecord, _ context: inout RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.calendarRead) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let query = try EventQuery(context, defaultTop: configuration.calendarViewDefaultPageSize)
        let filter = try context.query("$filter").map { try ExtendedPropertyFilter($0) }
        var renderer = EventQuery.renderer(&context, zones: zones)
        renderer.select = query.select
        renderer.expandedPropertyIds = query.expandedPropertyIds
        // `/events` lists single instances and series masters, not occurrences (DOC).
        let items = state.withLock { $0.mailboxes[user.id]?.orderedEvents ?? [] }.filter { filter?.matches($0) ?? true }
        let page = items.dropFirst(query.skip).prefix(query.top)
        var body: [String: EmulatorJSON] = [
            "@odata.context": .string(context.serviceRoot + "/$metadata#users('\(user.id)')/events"),
            "value": .array(page.map { renderer.render(EventInstance.item($0), owner: user) }),
        ]
        if query.skip + page.count < items.count {
            body["@odata.nextLink"] = .string(pageLink(context, top: query.top, skip: query.skip + page.count))
        }
        return .ok(.object(body))
    }

    func getEvent(_ key: String, _ eventId: String, token: AccessTokenRecord, _ context: inout RequestContext) throws
        -> GraphReply
    {
        guard token.hasAnyRole(AccessTokenRecord.calendarRead) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let query = try EventQuery(context, defaultTop: 1)
        guard let instance = state.withLock({ $0.mailboxes[user.id]?.resolve(eventId)?.instance }) else {
            throw GraphError.itemNotFound
        }
        var renderer = EventQuery.renderer(&context, zones: zones)
        renderer.select = query.select
        renderer.expandedPropertyIds = query.expandedPropertyIds
        return .ok(entity(renderer.render(instance, owner: user), user: user, context))
    }

    func createEvent(_ key: String, token: AccessTokenRecord, _ context: inout RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.calendarWrite) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let body = try jsonBody(context)
        let now = context.now
        let event = try state.withLock { state in
            try Self.createEvent(
                in: &state, userId: user.id, body: body, viaGraph: true, now: now, zones: zones, configuration: configuration)
        }
        // Extended properties are stored but never echoed on create (DOC).
        let renderer = EventQuery.renderer(&context, zones: zones)
        return .created(entity(renderer.render(EventInstance.item(event), owner: user), user: user, context))
    }

    func patchEvent(_ key: String, _ eventId: String, token: AccessTokenRecord, _ context: inout RequestContext) throws
        -> GraphReply
    {
        guard token.hasAnyRole(AccessTokenRecord.calendarWrite) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let body = try jsonBody(context)
        let now = context.now
        let ifMatch = context.request.headers["If-Match"]
        let instance = try state.withLock { state in
            try Self.updateEvent(
                in: &state, userId: user.id, eventId: eventId, body: body, viaGraph: true, now: now, zones: zones,
                ifMatch: ifMatch)
        }
        let renderer = EventQuery.renderer(&context, zones: zones)
        return .ok(entity(renderer.render(instance, owner: user), user: user, context))
    }

    func deleteEvent(_ key: String, _ eventId: String, token: AccessTokenRecord, _ context: RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.calendarWrite) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        try state.withLock { state in try Self.deleteEvent(in: &state, userId: user.id, eventId: eventId) }
        return .noContent
    }

    /// Adds `@odata.context` for a single event.
    func entity(_ rendered: EmulatorJSON, user: EmulatorTenant.User, _ context: RequestContext) -> EmulatorJSON {
        guard case .object(var o) = rendered else { return rendered }
        o["@odata.context"] = .string(context.serviceRoot + "/$metadata#users('\(user.id)')/events/$entity")
        return .object(o)
    }

    /// The JSON body of a write: `Content-Type: application/json` is required (else 415).
    func jsonBody(_ context: RequestContext) throws(GraphError) -> EmulatorJSON {
        guard let type = context.request.headers["Content-Type"]?.lowercased(), type.hasPrefix("application/json") else {
            throw GraphError.unsupportedMediaType
        }
        guard let json = try? EmulatorJSON.parse(context.request.body), json.objectValue != nil else {
            throw GraphError.unreadableBody
        }
        return json
    }
}
