import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - Side door, in-process API: act as the people and the administrator would (not part of EWS)

extension EWSEmulator {
    /// Adds an item to a mailbox's calendar as the person's own Outlook would; returns its ItemId.
    @discardableResult
    public func addItem(mailbox address: String, _ item: EWSTenantItem) throws -> String {
        let now = clock.now()
        return try state.withLock { state in
            guard let mailbox = state.directory.mailbox(smtp: address) else {
                throw EWSSideDoorError(404, "No mailbox has the address \(address).")
            }
            do {
                return try Self.addTenantItem(item, to: mailbox, in: &state, now: now, zones: zones).id
            } catch let error as TenantItemError {
                throw EWSSideDoorError(400, error.description)
            }
        }
    }

    /// Edits a stored item, or moves one occurrence (start, end, subject, status, location), as the person would.
    public func updateItem(mailbox address: String, id: String, _ change: EWSItemChange) throws {
        let now = clock.now()
        try state.withLock { state in
            guard let mailbox = state.directory.mailbox(smtp: address) else {
                throw EWSSideDoorError(404, "No mailbox has the address \(address).")
            }
            let key = mailbox.primarySmtpAddress.lowercased()
            var store = state.mailboxes[key] ?? MailboxStore()
            let occurrence = OccurrenceId.parse(id)
            guard var record = store.items[occurrence?.masterId ?? id] else {
                throw EWSSideDoorError(404, "No item \(id) in \(address).")
            }
            try change.apply(to: &record, occurrence: occurrence?.index, now: now, zone: storedZone)
            record.changeKey = state.rng.changeKey()
            record.lastModified = now
            record.modifiedSequence = store.nextSequence()
            store.insert(record)
            state.mailboxes[key] = store
        }
    }

    /// Deletes an item (a master with its series), or one occurrence.
    public func removeItem(mailbox address: String, id: String) throws {
        try state.withLock { state in
            guard let mailbox = state.directory.mailbox(smtp: address) else {
                throw EWSSideDoorError(404, "No mailbox has the address \(address).")
            }
            let key = mailbox.primarySmtpAddress.lowercased()
            var store = state.mailboxes[key] ?? MailboxStore()
            if let (masterId, index) = OccurrenceId.parse(id) {
                guard var record = store.items[masterId], let date = record.recurrence?.date(ofOccurrence: index),
                    !record.deletedOccurrences.contains(date)
                else { throw EWSSideDoorError(404, "No occurrence \(id) in \(address).") }
                record.deletedOccurrences.insert(date)
                record.modifiedOccurrences[date] = nil
                record.modifiedSequence = store.nextSequence()
                store.insert(record)
            } else {
                guard store.items[id] != nil else { throw EWSSideDoorError(404, "No item \(id) in \(address).") }
                store.remove(id)
            }
            state.mailboxes[key] = store
        }
    }

    /// Every stored item of a mailbox (singles and masters) in creation order, as the side door shows them.
    public func items(mailbox address: String) -> [JSONValue] {
        state.withLock { state in
            guard let mailbox = state.directory.mailbox(smtp: address) else { return [] }
            return (state.mailboxes[mailbox.primarySmtpAddress.lowercased()]?.orderedItems ?? []).map(Self.json)
        }
    }

    /// Invalidates the sync states issued so far for one mailbox (nil: every mailbox): their next use is
    /// ErrorInvalidSyncStateData.
    public func expireSyncStates(mailbox address: String? = nil) {
        state.withLock { state in
            for key in state.mailboxes.keys
            where address.map({ state.directory.mailbox(smtp: $0)?.primarySmtpAddress.lowercased() == key }) ?? true {
                state.mailboxes[key]?.syncEpoch += 1
            }
        }
    }

    /// Changes a service account as an administrator would: a new password (connections it logged on must log on
    /// again), the ApplicationImpersonation scope (`.some(nil)` removes the role), or an unlock.
    public func updateAccount(
        _ name: String, password: String? = nil, impersonationScope: EWSTenant.ImpersonationScope?? = nil, unlock: Bool = false
    ) throws {
        guard let sam = accountKey(domain: "", user: name.split(separator: "\\").last.map(String.init) ?? name) else {
            throw EWSSideDoorError(404, "No service account is named \(name).")
        }
        state.withLock { state in
            if let password {
                state.accounts[sam]?.account.password = password
                state.accounts[sam]?.sessionEpoch += 1
            }
            if let impersonationScope { state.accounts[sam]?.account.impersonationScope = impersonationScope }
            if unlock {
                state.accounts[sam]?.lockedAt = nil
                state.withStats(sam) { stats in
                    stats.lockedOut = false
                    stats.consecutiveFailedLogons = 0
                }
            }
        }
    }

    /// The service accounts as Active Directory holds them now (never their passwords).
    public func accounts() -> [JSONValue] {
        state.withLock { state in
            state.accounts.values.sorted { $0.account.samAccountName < $1.account.samAccountName }.map { entry in
                let scope: JSONValue =
                    switch entry.account.impersonationScope {
                    case nil: .null
                    case .organization: "organization"
                    case .mailboxes(let list): .array(list.map { .string($0) })
                    }
                return [
                    "samAccountName": .string(entry.account.samAccountName),
                    "userPrincipalName": .string(entry.account.userPrincipalName),
                    "impersonationScope": scope,
                    "lockedOut": .bool(entry.lockedAt != nil),
                ]
            }
        }
    }

    /// What the emulator counted, per account and overall.
    public func stats() -> EWSStats {
        state.withLock { $0.stats }
    }

    /// Clears the counters (accounts stay locked or unlocked, back-offs already given still apply).
    public func resetStats() {
        state.withLock { state in
            var fresh = EWSStats()
            for (name, stats) in state.stats.accounts {
                var kept = EWSAccountStats()
                kept.inFlight = stats.inFlight
                kept.lockedOut = stats.lockedOut
                kept.consecutiveFailedLogons = stats.consecutiveFailedLogons
                fresh.accounts[name] = kept
            }
            state.stats = fresh
        }
    }

    static func json(_ record: CalendarItemRecord) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(record.id), "changeKey": .string(record.changeKey), "uid": .string(record.uid),
            "subject": record.subject.map { .string($0) } ?? .null,
            "start": .string(EWSDateTime.format(record.start)), "end": .string(EWSDateTime.format(record.end)),
            "startTimeZone": .string(record.startTimeZone), "endTimeZone": .string(record.endTimeZone),
            "isAllDay": .bool(record.isAllDay), "legacyFreeBusyStatus": .string(record.legacyFreeBusyStatus),
            "sensitivity": .string(record.sensitivity), "location": record.location.map { .string($0) } ?? .null,
            "body": record.body.map { .string($0) } ?? .null, "categories": .array(record.categories.map { .string($0) }),
            "isCancelled": .bool(record.isCancelled), "isMeeting": .bool(record.isMeeting),
            "myResponseType": .string(record.myResponseType), "calendarItemType": .string(record.itemType),
            "reminderIsSet": .bool(record.reminderIsSet),
            "organizer": ["name": .string(record.organizer.name), "emailAddress": .string(record.organizer.emailAddress)],
            "deletedOccurrences": .array(record.deletedOccurrences.sorted().map { .string($0.description) }),
            "modifiedOccurrences": .array(record.modifiedOccurrences.keys.sorted().map { .string($0.description) }),
        ]
        object["extendedProperties"] = .array(
            record.extendedProperties.map { property in
                var entry: [String: JSONValue] = ["propertyType": .string(property.uri.propertyType)]
                if let set = property.uri.propertySetId { entry["propertySetId"] = .string(set) }
                if let set = property.uri.distinguishedPropertySetId { entry["distinguishedPropertySetId"] = .string(set) }
                if let name = property.uri.propertyName { entry["propertyName"] = .string(name) }
                if let id = property.uri.propertyId { entry["propertyId"] = .string(id) }
                if let tag = property.uri.propertyTag { entry["propertyTag"] = .string(tag) }
                entry[property.uri.isArray ? "values" : "value"] =
                    property.uri.isArray
                    ? .array(property.value.values.map { .string($0) }) : .string(property.value.values.first ?? "")
                return .object(entry)
            })
        return .object(object)
    }
}
