import Foundation

// MARK: - GET /users/{id}/mailboxSettings[/{property}] (docs/microsoft-365.md §4)

extension GraphEmulator {
    /// Resolves the user of a mailbox route: 404 `ErrorInvalidUser` when unknown, 404
    /// `MailboxNotEnabledForRESTAPI` when the user has no mailbox.
    func mailboxUser(_ key: String) throws(GraphError) -> EmulatorTenant.User {
        guard let user = state.withLock({ $0.user(key) }) else { throw GraphError.invalidUser(key) }
        guard user.hasMailbox ?? true else { throw GraphError.mailboxNotEnabled }
        return user
    }

    func mailboxSettings(_ key: String, property: String?, token: AccessTokenRecord, _ context: RequestContext) throws
        -> GraphReply
    {
        guard token.hasAnyRole(AccessTokenRecord.mailboxSettingsRead) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let settings = mailboxSettingsJSON(user)
        let base = context.serviceRoot + "/$metadata#users('\(user.id)')/mailboxSettings"
        guard let property else {
            guard case .object(var body) = settings else { return .ok(settings) }
            body["@odata.context"] = .string(base)
            return .ok(.object(body))
        }
        guard let (name, value) = settings.objectValue?.first(where: { $0.key.lowercased() == property.lowercased() }) else {
            throw GraphError.segmentNotFound(property)
        }
        if case .object(var object) = value {
            object["@odata.context"] = .string(base + "/" + name)
            return .ok(.object(object))
        }
        return .ok(["@odata.context": .string(base + "/" + name), "value": value])
    }

    /// Like fixture mailboxsettings.json, with the user's zone (Windows name by default, as configured).
    func mailboxSettingsJSON(_ user: EmulatorTenant.User) -> EmulatorJSON {
        let hours = user.workingHours ?? .standard
        func time(_ hhmm: String) -> EmulatorJSON { .string(hhmm + ":00.0000000") }
        return [
            "archiveFolder": .string("AAMkArchive" + Base64URL.encode(user.id)),
            "automaticRepliesSetting": [
                "status": "disabled", "externalAudience": "all",
                "scheduledStartDateTime": ["dateTime": "2025-01-01T00:00:00.0000000", "timeZone": "UTC"],
                "scheduledEndDateTime": ["dateTime": "2025-01-02T00:00:00.0000000", "timeZone": "UTC"],
                "internalReplyMessage": "", "externalReplyMessage": "",
            ],
            "timeZone": .string(user.mailboxTimeZone),
            "language": ["locale": "en-US", "displayName": "English (United States)"],
            "workingHours": [
                "daysOfWeek": .array(hours.daysOfWeek.map { .string($0) }),
                "startTime": time(hours.startTime),
                "endTime": time(hours.endTime),
                "timeZone": ["name": .string(user.mailboxTimeZone)],
            ],
            "dateFormat": "MM/dd/yyyy",
            "timeFormat": "hh:mm tt",
            "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly",
            "userPurpose": "user",
        ]
    }
}
