import CalSyncHTTP
import Foundation

// MARK: - Side door over HTTP: /_emulator/… (no token; not part of Graph)

extension GraphEmulator {
    func handleSideDoor(_ parts: [String], _ context: inout RequestContext) -> HTTPResponse {
        do {
            return render(try sideDoorReply(parts, context), context)
        } catch let error as GraphError {
            return render(error, context)
        } catch {
            return render(GraphError(status: 400, code: "BadRequest", message: "\(error)"), context)
        }
    }

    private func sideDoorReply(_ parts: [String], _ context: RequestContext) throws -> GraphReply {
        let method = context.request.method
        switch (method, parts.count, parts.first) {
        case (.post, 2, "delta") where parts[1] == "expire":
            expireDeltaTokens()
            return .noContent
        case (.post, 2, "tokens") where parts[1] == "expire":
            expireAccessTokens()
            return .noContent
        case (.get, 1, "stats"):
            guard case .object(var o) = stats().json else { return .ok(stats().json) }
            o["subscriptions"] = subscriptionStats().json
            return .ok(.object(o))
        case (_, _, "subscriptions"):
            return try sideDoorSubscriptionReply(parts, context)
        case (.get, 1, "faults"):
            return .ok(faults().json)
        case (.post, 1, "faults"), (.patch, 1, "faults"):
            // POST replaces (absent fields take their defaults, so `{}` turns every fault off); PATCH merges.
            let body = context.request.body.isEmpty ? EmulatorJSON.object([:]) : try parseSideDoorBody(context.request.body)
            let faults = try EmulatorFaults(json: body, base: method == .post ? EmulatorFaults() : faults())
            setFaults(faults)
            return .ok(faults.json)
        case (.get, 1, "throttling"):
            return .ok(throttlingReport().json)
        case (.post, 2, "throttling") where parts[1] == "reset":
            resetThrottlingReport()
            return .noContent
        case (.post, 1, "users"):
            let user = try JSONDecoder().decode(EmulatorTenant.User.self, from: context.request.body)
            try addUser(user)
            return .created(renderUser(user, select: Self.defaultUserProperties + ["proxyAddresses"]))
        case (_, 3, "users") where parts[2] == "events":
            let user = try mailboxUser(parts[1])
            if method == .get {
                return .ok(["value": .array(storedEvents(userId: user.id).map(\.json))])
            }
            guard method == .post else { throw GraphError.methodNotAllowed }
            let id = try addEvent(userId: user.id, json: context.request.body)
            return .created(try storedJSON(user, id))
        case (_, 4, "users") where parts[2] == "events":
            let user = try mailboxUser(parts[1])
            switch method {
            case .get:
                return .ok(try storedJSON(user, parts[3]))
            case .patch:
                try updateEvent(userId: user.id, eventId: parts[3], json: context.request.body)
                let masterId = OccurrenceId.parse(parts[3])?.masterId ?? parts[3]
                return .ok(try storedJSON(user, masterId))
            case .delete:
                try removeEvent(userId: user.id, eventId: parts[3])
                return .noContent
            default:
                throw GraphError.methodNotAllowed
            }
        default:
            throw GraphError(
                status: 404, code: "UnknownError",
                message: "No side-door route for \(method.rawValue) /_emulator/\(parts.joined(separator: "/")).")
        }
    }

    private func storedJSON(_ user: EmulatorTenant.User, _ id: String) throws(GraphError) -> EmulatorJSON {
        guard let snapshot = storedEvents(userId: user.id).first(where: { $0.id == id }) else { throw GraphError.itemNotFound }
        return snapshot.json
    }
}
