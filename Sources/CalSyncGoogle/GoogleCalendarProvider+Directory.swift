import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - People (docs/google.md, "Finding people")

extension GoogleCalendarProvider {
    static let directoryScopes = [GoogleScope.directory]
    /// Addresses checked at once without the directory (each costs one token grant).
    static let addressCheckWidth = 4

    /// With `adminEmail`: the whole directory (`users.list` as that admin; suspended and archived users left out).
    /// Without it, or when the directory is refused (no directory scope in the delegation, the admin is no
    /// administrator): each address is tried as a person's calendar, and the addresses Google does not know as users
    /// are left out (reported unmatched).
    public func directory(for addresses: [String]) async throws -> [DirectoryUser] {
        if let admin = settings.adminEmail {
            do {
                return try await directoryUsers(as: admin)
            } catch let error as CalendarError where error.kind == .permissionMissing {
                // Fall through: the calendar scope alone still finds people by their primary address.
            }
        }
        return try await usersByAddress(addresses)
    }

    private func directoryUsers(as admin: String) async throws -> [DirectoryUser] {
        var users: [DirectoryUser] = []
        var pageToken: String?
        repeat {
            var query = [("customer", "my_customer"), ("maxResults", "500")]
            if let pageToken { query.append(("pageToken", pageToken)) }
            let answer = try await client.send(
                .get, GoogleURL.make(client.endpoints.directoryBase, ["users"], query: query), as: admin,
                scopes: Self.directoryScopes)
            for user in answer["users"]?.arrayValue ?? [] {
                if let mapped = Self.directoryUser(user) { users.append(mapped) }
            }
            pageToken = answer["nextPageToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while pageToken != nil
        return users
    }

    /// A Directory `User` as CalSync matches it: the primary address, then `emails[].address`, `aliases` and
    /// `nonEditableAliases` as further addresses. Nil for suspended or archived users.
    static func directoryUser(_ user: JSONValue) -> DirectoryUser? {
        guard let primary = user["primaryEmail"]?.stringValue, !primary.isEmpty,
            user["suspended"]?.boolValue != true, user["archived"]?.boolValue != true
        else { return nil }
        var others = (user["emails"]?.arrayValue ?? []).compactMap { $0["address"]?.stringValue }
        others += (user["aliases"]?.arrayValue ?? []).compactMap(\.stringValue)
        others += (user["nonEditableAliases"]?.arrayValue ?? []).compactMap(\.stringValue)
        var seen: Set<String> = [primary.lowercased()]
        let aliases = others.filter { seen.insert($0.lowercased()).inserted }
        return DirectoryUser(
            id: primary, displayName: user["name"]?["fullName"]?.stringValue, mail: primary,
            proxyAddresses: ["SMTP:" + primary] + aliases.map { "smtp:" + $0 })
    }

    /// Each address (lower-cased) as a calendar: Google knows it when a token can be had for it (`invalid_grant`
    /// otherwise).
    private func usersByAddress(_ addresses: [String]) async throws -> [DirectoryUser] {
        var unique: [String] = []
        var seen: Set<String> = []
        for address in addresses {
            let trimmed = address.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed.contains("@"), seen.insert(trimmed).inserted { unique.append(trimmed) }
        }
        let tokens = client.tokens
        var found: [Int: DirectoryUser] = [:]
        var next = 0
        try await withThrowingTaskGroup(of: (Int, DirectoryUser?).self) { group in
            func start(_ index: Int) {
                let address = unique[index]
                group.addTask {
                    do {
                        _ = try await tokens.token(for: address, scopes: Self.calendarScopes)
                        return (index, DirectoryUser(id: address, mail: address, proxyAddresses: ["SMTP:" + address]))
                    } catch let error as CalendarError where error.kind == .noCalendar {
                        return (index, nil)
                    }
                }
            }
            while next < min(unique.count, Self.addressCheckWidth) {
                start(next)
                next += 1
            }
            while let (index, user) = try await group.next() {
                found[index] = user
                if next < unique.count {
                    start(next)
                    next += 1
                }
            }
        }
        return found.keys.sorted().compactMap { found[$0] }
    }
}
