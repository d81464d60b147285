import CalSyncCore
import Foundation

/// People: each address resolved with ResolveNames against Active Directory (`docs/exchange.md`, "ResolveNames").
extension ExchangeCalendarProvider {
    /// The mailboxes that answer to these addresses: `smtp:<address>` matches every proxy address (any case), so
    /// aliases resolve too; a partial match may return several mailboxes, and the engine's matcher keeps only an
    /// exact one. An address nobody has resolves to no one.
    public func directory(for addresses: [String]) async throws -> [DirectoryUser] {
        var unique: [String] = []
        var seen: Set<String> = []
        for address in addresses {
            let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 320, seen.insert(trimmed.lowercased()).inserted else { continue }
            unique.append(trimmed)
        }
        let width = max(1, settings.inFlightLimit)
        var users: [String: DirectoryUser] = [:]
        try await withThrowingTaskGroup(of: [DirectoryUser].self) { group in
            var next = 0
            func start() {
                guard next < unique.count else { return }
                let address = unique[next]
                next += 1
                group.addTask { try await self.resolve(address) }
            }
            for _ in 0..<width { start() }
            while let found = try await group.next() {
                for user in found where users[user.id.lowercased()] == nil { users[user.id.lowercased()] = user }
                start()
            }
        }
        return users.values.sorted { $0.id < $1.id }
    }

    /// The mailboxes ResolveNames finds for one address. A service account without a mailbox of its own cannot
    /// resolve names (ErrorNameResolutionNoMailbox): it then asks as the person the address names.
    func resolve(_ address: String) async throws -> [DirectoryUser] {
        var messages = try await resolveNames(address, as: nil)
        if messages.first?.code == EWSErrorCode.noMailbox {
            do {
                messages = try await resolveNames(address, as: address)
            } catch let error as CalendarError where error.kind == .noCalendar || error.kind == .invalidRequest {
                return []
            }
        }
        guard let message = messages.first else { return [] }
        switch message.code {
        case "NoError", EWSErrorCode.multipleResults:
            return (message.element.message("ResolutionSet")?.types("Resolution") ?? []).compactMap(Self.user)
        case EWSErrorCode.noResults, EWSErrorCode.nonExistentMailbox:
            return []
        default:
            throw message.error()
        }
    }

    private func resolveNames(_ address: String, as mailbox: String?) async throws -> [EWSResponseMessage] {
        try await client.call("ResolveNames", as: mailbox) { xml in
            xml.element("m:ResolveNames", [("ReturnFullContactData", "true"), ("SearchScope", "ActiveDirectory")]) { xml in
                xml.element("m:UnresolvedEntry", "smtp:" + address)
            }
        }
    }

    /// A resolution that is a mailbox (not a group or a contact), with its addresses as `SMTP:primary`,
    /// `smtp:alias`.
    static func user(_ resolution: SOAPElement) -> DirectoryUser? {
        guard let mailbox = resolution.type("Mailbox"), let primary = mailbox.type("EmailAddress")?.value,
            !primary.isEmpty, (mailbox.type("RoutingType")?.value ?? "SMTP").uppercased() == "SMTP",
            (mailbox.type("MailboxType")?.value ?? "Mailbox") == "Mailbox"
        else { return nil }
        var proxies = ["SMTP:" + primary]
        for entry in resolution.type("Contact")?.type("EmailAddresses")?.types("Entry") ?? [] {
            var address = entry.value
            if address.lowercased().hasPrefix("smtp:") { address = String(address.dropFirst(5)) }
            guard address.contains("@"), address.lowercased() != primary.lowercased(),
                !proxies.contains(where: { $0.lowercased() == "smtp:" + address.lowercased() })
            else { continue }
            proxies.append("smtp:" + address)
        }
        let name = resolution.type("Contact")?.type("DisplayName")?.value ?? mailbox.type("Name")?.value
        return DirectoryUser(id: primary, displayName: name, mail: primary, proxyAddresses: proxies)
    }
}
