import CalSyncHTTP
import Foundation

// MARK: - Side door over HTTP: /_emulator/… (no logon; not part of EWS)

extension EWSEmulator {
    func handleSideDoor(_ request: HTTPRequest) -> HTTPResponse {
        // Segments are split before decoding: item ids are base64 and may hold an encoded "/".
        let rawPath = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = rawPath.split(separator: "/").dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
        do {
            let (status, body) = try sideDoorReply(parts, request)
            guard let body else { return HTTPResponse(status: status) }
            return .json(status, body.data)
        } catch let error as EWSSideDoorError {
            return .json(error.status, (["error": ["message": .string(error.message)]] as JSONValue).data)
        } catch let error as DecodingError {
            return .json(400, (["error": ["message": .string("The body does not fit: \(error)")]] as JSONValue).data)
        } catch {
            return .json(400, (["error": ["message": .string("\(error)")]] as JSONValue).data)
        }
    }

    private func sideDoorReply(_ parts: [String], _ request: HTTPRequest) throws -> (Int, JSONValue?) {
        let method = request.method
        func body() throws -> JSONValue {
            guard !request.body.isEmpty else { return [:] }
            guard let json = try? JSONValue.parse(request.body), json.objectValue != nil else {
                throw EWSSideDoorError(400, "The body must be a JSON object.")
            }
            return json
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: request.body) }
        switch (method, parts.count, parts.first) {
        case (.get, 1, "stats"):
            return (200, stats().json)
        case (.post, 2, "stats") where parts[1] == "reset":
            resetStats()
            return (204, nil)
        case (.get, 1, "faults"):
            return (200, faults().json)
        case (.post, 1, "faults"), (.patch, 1, "faults"):
            // POST replaces (absent fields take their defaults, so `{}` turns every fault off); PATCH merges.
            let faults = try EWSFaults(json: try body(), base: method == .post ? EWSFaults() : faults())
            setFaults(faults)
            return (200, faults.json)
        case (.post, 2, "syncstates") where parts[1] == "expire":
            expireSyncStates()
            return (204, nil)
        case (.get, 1, "accounts"):
            return (200, .array(accounts()))
        case (.patch, 2, "accounts"):
            let object = try body().objectValue ?? [:]
            let known: Set<String> = ["password", "impersonationScope", "unlock"]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw EWSSideDoorError(400, "Unknown field '\(unknown)'. Known: impersonationScope, password, unlock.")
            }
            var scope: EWSTenant.ImpersonationScope?? = nil
            if let value = object["impersonationScope"] {
                if value.isNull {
                    scope = .some(nil)
                } else if value.stringValue == "organization" {
                    scope = .some(.organization)
                } else if let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count {
                    scope = .some(.mailboxes(list))
                } else {
                    throw EWSSideDoorError(400, "impersonationScope is \"organization\", a list of addresses, or null.")
                }
            }
            if let value = object["password"], value.stringValue == nil {
                throw EWSSideDoorError(400, "password must be a string.")
            }
            try updateAccount(
                parts[1], password: object["password"]?.stringValue, impersonationScope: scope,
                unlock: object["unlock"]?.boolValue ?? false)
            return (204, nil)
        case (.get, 1, "mailboxes"):
            let list: [JSONValue] = state.withLock { state in
                state.directory.mailboxes.map { mailbox in
                    [
                        "primarySmtpAddress": .string(mailbox.primarySmtpAddress), "displayName": .string(mailbox.displayName),
                        "items": .number(Double(state.mailboxes[mailbox.primarySmtpAddress.lowercased()]?.items.count ?? 0)),
                    ]
                }
            }
            return (200, .array(list))
        case (.post, 4, "mailboxes") where parts[2] == "syncstates" && parts[3] == "expire":
            expireSyncStates(mailbox: parts[1])
            return (204, nil)
        case (_, 3, "mailboxes") where parts[2] == "items":
            if method == .get { return (200, .array(items(mailbox: parts[1]))) }
            guard method == .post else { throw EWSSideDoorError(405, "Use GET or POST.") }
            let id = try addItem(mailbox: parts[1], try decode(EWSTenantItem.self))
            return (201, items(mailbox: parts[1]).first { $0["id"]?.stringValue == id })
        case (_, 4, "mailboxes") where parts[2] == "items":
            switch method {
            case .patch:
                try updateItem(mailbox: parts[1], id: parts[3], try decode(EWSItemChange.self))
                let masterId = OccurrenceId.parse(parts[3])?.masterId ?? parts[3]
                return (200, items(mailbox: parts[1]).first { $0["id"]?.stringValue == masterId })
            case .delete:
                try removeItem(mailbox: parts[1], id: parts[3])
                return (204, nil)
            default:
                throw EWSSideDoorError(405, "Use PATCH or DELETE.")
            }
        default:
            throw EWSSideDoorError(404, "No side-door route for \(method.rawValue) /_emulator/\(parts.joined(separator: "/")).")
        }
    }
}
