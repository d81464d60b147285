import CalSyncHTTP
import Foundation

// MARK: - Side door over HTTP: /_emulator/… (no token; not part of Google's APIs)

extension GoogleEmulator {
    func handleSideDoor(_ parts: [String], _ context: GoogleRequestContext) -> HTTPResponse {
        do {
            return render(try sideDoorReply(parts, context))
        } catch {
            return error.response()
        }
    }

    private func sideDoorReply(_ parts: [String], _ context: GoogleRequestContext) throws(GoogleError) -> GoogleReply {
        let method = context.request.method
        switch (method, parts.count, parts.first) {
        case (.get, 1, "users"):
            return .ok(["users": .array(withState { $0.users }.map { userJSON($0) })])
        case (_, 3, "users") where parts[2] == "events":
            let user = try sideDoorUser(parts[1])
            if method == .get { return .ok(["items": .array(storedEvents(user: user.primaryEmail))]) }
            guard method == .post else { throw GoogleError.notFound }
            let id = try addEvent(user: user.primaryEmail, json: try jsonBody(context))
            return .created(storedEvent(user: user.primaryEmail, eventId: id) ?? .null)
        case (_, 4, "users") where parts[2] == "events":
            let user = try sideDoorUser(parts[1])
            switch method {
            case .get:
                break
            case .patch:
                try updateEvent(user: user.primaryEmail, eventId: parts[3], json: try jsonBody(context))
            case .delete:
                try removeEvent(user: user.primaryEmail, eventId: parts[3])
                return .empty(204)
            default:
                throw GoogleError.notFound
            }
            guard let item = storedEvent(user: user.primaryEmail, eventId: parts[3]) else { throw GoogleError.notFound }
            return .ok(item)
        case (.post, 2, "syncTokens") where parts[1] == "expire":
            if let email = context.query("user") { _ = try sideDoorUser(email) }
            expireSyncTokens(user: context.query("user"))
            return .empty(204)
        case (.post, 2, "tokens") where parts[1] == "expire":
            expireAccessTokens()
            return .empty(204)
        case (.get, 1, "delegation"):
            return .ok(.object(delegation().mapValues { .array($0.sorted().map { .string($0) }) }))
        case (.post, 2, "delegation") where parts[1] == "revoke" || parts[1] == "grant":
            let body = try jsonBody(context)
            guard let clientId = body["clientId"]?.stringValue else { throw GoogleError.required("clientId is required.") }
            let scopes = body["scopes"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
            if parts[1] == "revoke" {
                revokeDelegation(clientId: clientId, scopes: scopes)
            } else {
                guard let scopes, !scopes.isEmpty else { throw GoogleError.required("scopes are required.") }
                grantDelegation(clientId: clientId, scopes: scopes)
            }
            return .ok(.object(delegation().mapValues { .array($0.sorted().map { .string($0) }) }))
        case (.get, 1, "faults"):
            return .ok(faults().json)
        case (.post, 1, "faults"), (.patch, 1, "faults"):
            // POST replaces (absent fields take their defaults, so `{}` turns every fault off); PATCH merges.
            let body = context.request.body.isEmpty ? JSONValue.object([:]) : try jsonBody(context)
            let faults = try GoogleFaults(json: body, base: method == .post ? GoogleFaults() : faults())
            setFaults(faults)
            return .ok(faults.json)
        case (.get, 1, "stats"):
            return .ok(stats().json)
        case (.post, 2, "stats") where parts[1] == "reset":
            resetStats()
            return .empty(204)
        default:
            throw GoogleError(
                status: 404, reason: "notFound",
                message: "No side-door route for \(method.rawValue) /_emulator/\(parts.joined(separator: "/")).")
        }
    }
}
