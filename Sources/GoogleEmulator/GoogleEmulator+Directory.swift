import CalSyncHTTP
import Foundation

// MARK: - Directory users.list (docs/google.md, "Finding people")

extension GoogleEmulator {
    /// `GET /admin/directory/v1/users`: the domain's users, paged. The token's subject must be an administrator
    /// (403 `forbidden` otherwise, OBS); `customer` (`my_customer` or the customer id) or `domain` is required (DOC).
    func listUsers(_ context: GoogleRequestContext, token: GoogleAccessToken) throws(GoogleError) -> GoogleReply {
        guard let subject = token.subject, tenant.admins.contains(where: { $0.lowercased() == subject }) else {
            throw GoogleError.notAuthorized
        }
        let customer = context.query("customer")
        let domain = context.query("domain")
        guard customer != nil || domain != nil else {
            throw GoogleError(status: 400, reason: "badRequest", message: "Bad Request")
        }
        if let customer, customer != "my_customer", customer != tenant.customerId { throw GoogleError.notAuthorized }
        if let domain, domain.lowercased() != tenant.domain.lowercased() { throw GoogleError.notAuthorized }
        if context.query("query") != nil {
            throw GoogleError.invalid("The emulator does not search users: list them all and filter.", parameter: "query")
        }
        var pageSize = configuration.usersDefaultPageSize
        if let text = context.query("maxResults") {
            guard let n = Int(text), (1...500).contains(n) else {
                throw GoogleError.invalid("Invalid value for: maxResults", parameter: "maxResults")
            }
            pageSize = n
        }
        let orderKey = context.query("orderBy") ?? "email"
        guard ["email", "givenName", "familyName"].contains(orderKey) else {
            throw GoogleError.invalid("Invalid value for: orderBy", parameter: "orderBy")
        }
        let descending = context.query("sortOrder")?.uppercased() == "DESCENDING"
        let showDeleted = context.query("showDeleted") == "true"
        return try withState { state throws(GoogleError) -> GoogleReply in
            var offset = 0
            if let pageToken = context.query("pageToken") {
                guard let page = state.userPages[pageToken], page.orderKey == orderKey, page.descending == descending else {
                    throw GoogleError.invalid("Invalid page token.", parameter: "pageToken")
                }
                offset = page.offset
            }
            // No user is ever deleted in the emulator.
            let ordered = showDeleted ? [] : Self.ordered(state.users, by: orderKey, descending: descending)
            let slice = ordered.dropFirst(offset).prefix(pageSize)
            var body: [String: JSONValue] = [
                "kind": "admin#directory#users", "etag": "\"emulator-users\"",
                "users": .array(slice.map { userJSON($0) }),
            ]
            if offset + slice.count < ordered.count {
                let next = state.newToken(prefix: "Q0FF", length: 28)
                state.userPages.insert(
                    next, GoogleUserPage(offset: offset + slice.count, orderKey: orderKey, descending: descending))
                body["nextPageToken"] = .string(next)
            }
            return .ok(.object(body))
        }
    }

    private static func ordered(_ users: [GoogleTenant.User], by key: String, descending: Bool) -> [GoogleTenant.User] {
        func value(_ user: GoogleTenant.User) -> String {
            switch key {
            case "givenName": return (user.givenName ?? "").lowercased()
            case "familyName": return (user.familyName ?? "").lowercased()
            default: return user.primaryEmail.lowercased()
            }
        }
        let sorted = users.sorted { (value($0), $0.primaryEmail.lowercased()) < (value($1), $1.primaryEmail.lowercased()) }
        return descending ? sorted.reversed() : sorted
    }

    /// A Directory `User` (discovery `admin.directory_v1` schema): `emails` lists every address, the primary marked.
    func userJSON(_ user: GoogleTenant.User) -> JSONValue {
        let given = user.givenName ?? ""
        let family = user.familyName ?? ""
        var emails: [JSONValue] = [["address": .string(user.primaryEmail), "primary": true]]
        emails += ((user.aliases ?? []) + (user.nonEditableAliases ?? [])).map { ["address": .string($0)] }
        var o: [String: JSONValue] = [
            "kind": "admin#directory#user", "id": .string(user.id), "etag": .string("\"\(user.id)\""),
            "primaryEmail": .string(user.primaryEmail),
            "name": [
                "givenName": .string(given), "familyName": .string(family),
                "fullName": .string([given, family].filter { !$0.isEmpty }.joined(separator: " ")),
            ],
            "isAdmin": .bool(tenant.admins.contains { $0.lowercased() == user.primaryEmail.lowercased() }),
            "isDelegatedAdmin": false, "agreedToTerms": true, "suspended": .bool(user.suspended ?? false),
            "archived": .bool(user.archived ?? false), "changePasswordAtNextLogin": false, "ipWhitelisted": false,
            "emails": .array(emails), "customerId": .string(tenant.customerId), "orgUnitPath": "/", "isMailboxSetup": true,
            "includeInGlobalAddressList": true, "creationTime": "2024-01-15T09:00:00.000Z",
        ]
        if let aliases = user.aliases, !aliases.isEmpty { o["aliases"] = .array(aliases.map { .string($0) }) }
        if let others = user.nonEditableAliases, !others.isEmpty { o["nonEditableAliases"] = .array(others.map { .string($0) }) }
        return .object(o)
    }
}
