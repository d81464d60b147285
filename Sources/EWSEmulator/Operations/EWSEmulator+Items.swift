import CalSyncCore
import Foundation

// MARK: - Shared by the item operations: zones, ids, the calendar a request works on

extension EWSEmulator {
    /// The zones for an item write: the StartTimeZone/EndTimeZone Ids given (or stored), else TimeZoneContext, else
    /// UTC. An unknown Id is the configured per-item error (ErrorCalendarInvalidTimeZone by default).
    func itemZones(startId: String?, endId: String?, context: EWSRequestContext) throws(EWSError) -> ItemZones {
        let fallback = context.soap.timeZoneContextId ?? "UTC"
        let start = startId ?? fallback
        let end = endId ?? startId ?? fallback
        guard let startZone = timeZone(windowsId: start), let endZone = timeZone(windowsId: end) else {
            throw EWSError(configuration.invalidItemTimeZoneCode, "The time zone Id isn't valid.")
        }
        return ItemZones(startId: start, endId: end, start: startZone, end: endZone)
    }

    /// The calendar of the acting mailbox, for requests that name items by id only.
    func actingCalendar(_ context: EWSRequestContext) -> Result<FolderRef, EWSError> {
        guard let mailbox = context.mailbox else {
            return .failure(
                EWSError(
                    "ErrorMissingEmailAddress",
                    "When making a request as an account that does not have a mailbox, you must specify the mailbox "
                        + "primary SMTP address for any distinguished folder Ids."))
        }
        return .success(FolderRef(mailbox: mailbox, name: "calendar"))
    }

    /// Checks an ItemId's shape: empty → ErrorInvalidIdEmpty, not an id this server issues → ErrorInvalidIdMalformed.
    static func checkItemId(_ node: XMLNode) -> Result<(id: String, changeKey: String?), EWSError> {
        let id = node.attributes["Id"] ?? ""
        guard !id.isEmpty else { return .failure(.invalidIdEmpty) }
        guard id.hasPrefix("AAMk"), Data(base64Encoded: String(id.dropFirst(6))) != nil || OccurrenceId.parse(id) != nil else {
            return .failure(.invalidIdMalformed)
        }
        let changeKey = node.attributes["ChangeKey"]
        if let changeKey, !changeKey.isEmpty,
            !changeKey.hasPrefix("DwAAABYAAA") || Data(base64Encoded: String(changeKey.dropFirst(10))) == nil
        {
            return .failure(.invalidChangeKey)
        }
        return .success((id, changeKey?.isEmpty == true ? nil : changeKey))
    }

    /// Runs `body` on a mailbox's store under the lock.
    func withStore<R>(_ mailbox: EWSTenant.Mailbox, _ body: (inout MailboxStore, inout EWSRandom) throws(EWSError) -> R)
        throws(EWSError) -> R
    {
        let key = mailbox.primarySmtpAddress.lowercased()
        return try state.withLock { state throws(EWSError) -> R in
            var store = state.mailboxes[key] ?? MailboxStore()
            var rng = state.rng
            defer {
                state.mailboxes[key] = store
                state.rng = rng
            }
            return try body(&store, &rng)
        }
    }

    /// The instance an ItemId names in a mailbox, or ErrorItemNotFound.
    func readInstance(_ id: String, in mailbox: EWSTenant.Mailbox) -> CalendarInstance? {
        state.withLock { $0.mailboxes[mailbox.primarySmtpAddress.lowercased()]?.instance(id, zone: storedZone) }
    }

    func writer(_ options: ItemRenderOptions) -> CalendarItemWriter {
        CalendarItemWriter(options: options, zoneNames: zoneNames, zone: storedZone)
    }
}
