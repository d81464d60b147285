import Foundation

// MARK: - GET /users, GET /users/{id} (docs/microsoft-365.md §2)

extension GraphEmulator {
    static let defaultUserProperties = [
        "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation",
        "preferredLanguage", "surname", "userPrincipalName",
    ]
    static let extraUserProperties = ["proxyAddresses", "otherMails", "mailNickname", "userType", "accountEnabled"]
    /// Available only on a single-user GET; selecting them on the collection is 501 (DOC).
    static let singleUserOnlyProperties = ["mailboxSettings", "aboutMe", "birthday", "hireDate", "interests"]

    func listUsers(token: AccessTokenRecord, _ context: RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.directoryRead) else { throw GraphError.directoryAccessDenied }
        if context.query("$skip") != nil {
            throw GraphError(status: 400, code: "Request_BadRequest", message: "'$skip' is not supported by the service.")
        }
        var pageSize = configuration.usersDefaultPageSize
        if let top = context.query("$top") {
            guard let n = Int(top), (1...999).contains(n) else {
                throw GraphError(
                    status: 400, code: "Request_BadRequest",
                    message: "Invalid page size specified: '\(top)'. Must be between 1 and 999 inclusive.")
            }
            pageSize = n
        }
        let select = try userSelect(context, collection: true)
        let filter = try context.query("$filter").map {
            try UserFilter($0, prefixCaseSensitive: configuration.proxyAddressPrefixCaseSensitive)
        }
        let wantsCount = context.query("$count")?.lowercased() == "true"
        if wantsCount, context.request.headers["ConsistencyLevel"]?.lowercased() != "eventual" {
            throw GraphError(
                status: 400, code: "Request_BadRequest",
                message: "$count is not currently supported. Add the header 'ConsistencyLevel: eventual' to use it.")
        }
        var offset = 0
        if let skipToken = context.query("$skiptoken") {
            guard let decoded = Base64URL.decodeString(String(skipToken.dropFirst(Self.userTokenPrefix.count))),
                skipToken.hasPrefix(Self.userTokenPrefix), decoded.hasPrefix("users:"), let n = Int(decoded.dropFirst(6))
            else {
                throw GraphError(
                    status: 400, code: "Directory_ExpiredPageToken",
                    message: "The specified page token value has expired and can no longer be included in your request.")
            }
            offset = n
        }
        let users = state.withLock { $0.users }.filter { filter?.matches($0) ?? true }
        let page = users.dropFirst(offset).prefix(pageSize)
        var body: [String: EmulatorJSON] = [
            "@odata.context": .string(
                context.serviceRoot + "/$metadata#users" + (select.map { "(\($0.joined(separator: ",")))" } ?? "")),
            "value": .array(page.map { renderUser($0, select: select) }),
        ]
        if wantsCount, offset == 0 { body["@odata.count"] = .number(Double(users.count)) }
        if offset + page.count < users.count {
            var query = context.request.query.filter { $0.name.lowercased() != "$skiptoken" }.map { ($0.name, $0.value) }
            query.append(("$skiptoken", Self.userTokenPrefix + Base64URL.encode("users:\(offset + page.count)")))
            body["@odata.nextLink"] = .string(context.link(path: context.versionedPath, query: query))
        }
        return .ok(.object(body))
    }

    static let userTokenPrefix = "RFNwdAIAAQAAA"

    func getUser(_ key: String, token: AccessTokenRecord, _ context: RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.directoryRead) else { throw GraphError.directoryAccessDenied }
        guard let user = state.withLock({ $0.user(key) }) else {
            throw GraphError(
                status: 404, code: "Request_ResourceNotFound",
                message: "Resource '\(key)' does not exist or one of its queried reference-property objects are not present.")
        }
        let select = try userSelect(context, collection: false)
        guard case .object(var body) = renderUser(user, select: select) else { return .ok(renderUser(user, select: select)) }
        body["@odata.context"] = .string(
            context.serviceRoot + "/$metadata#users" + (select.map { "(\($0.joined(separator: ",")))" } ?? "") + "/$entity")
        return .ok(.object(body))
    }

    /// Parses `$select` for users; nil means the default property set.
    func userSelect(_ context: RequestContext, collection: Bool) throws(GraphError) -> [String]? {
        guard let text = context.query("$select") else { return nil }
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let known = Self.defaultUserProperties + Self.extraUserProperties
        var result: [String] = []
        for name in names {
            if let match = known.first(where: { $0.lowercased() == name.lowercased() }) {
                result.append(match)
            } else if Self.singleUserOnlyProperties.contains(where: { $0.lowercased() == name.lowercased() }) {
                guard !collection else {
                    throw GraphError(
                        status: 501, code: "NotImplemented",
                        message: "This operation target is not yet supported.")
                }
            } else {
                throw GraphError(
                    status: 400, code: "Request_BadRequest",
                    message: "Could not find a property named '\(name)' on type 'Microsoft.DirectoryServices.User'.")
            }
        }
        return result
    }

    func renderUser(_ user: EmulatorTenant.User, select: [String]?) -> EmulatorJSON {
        func optional(_ s: String?) -> EmulatorJSON { s.map { .string($0) } ?? .null }
        let all: [String: EmulatorJSON] = [
            "businessPhones": [], "displayName": .string(user.displayName), "givenName": optional(user.givenName),
            "id": .string(user.id), "jobTitle": optional(user.jobTitle), "mail": optional(user.mail), "mobilePhone": .null,
            "officeLocation": .null, "preferredLanguage": .null, "surname": optional(user.surname),
            "userPrincipalName": .string(user.userPrincipalName),
            "proxyAddresses": .array(user.proxyAddresses.map { .string($0) }), "otherMails": [],
            "mailNickname": .string(String(user.userPrincipalName.split(separator: "@").first ?? "")),
            "userType": "Member", "accountEnabled": true,
        ]
        let keys = select ?? Self.defaultUserProperties
        return .object(all.filter { keys.contains($0.key) })
    }
}
