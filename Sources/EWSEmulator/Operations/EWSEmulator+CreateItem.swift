import CalSyncCore
import Foundation

// MARK: - CreateItem (docs/exchange.md, "CreateItem")

extension EWSEmulator {
    static let sendInvitationsValues: Set<String> = ["SendToNone", "SendOnlyToAll", "SendToAllAndSaveCopy"]

    /// Saves each `t:CalendarItem` in the calendar (SavedItemFolderId, else the acting mailbox's), one message per
    /// item with its new ItemId and ChangeKey. `SendMeetingInvitations` is required for calendar items.
    func createItem(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let items = operation.message("Items") else {
            throw EWSFault.schemaValidation("The element 'CreateItem' has incomplete content: 'Items'.", at: operation)
        }
        if let send = operation.attributes["SendMeetingInvitations"], !Self.sendInvitationsValues.contains(send) {
            throw EWSFault.schemaValidation("'\(send)' is not a CalendarItemCreateOrDeleteOperationType value.", at: operation)
        }
        let target: Result<FolderRef, EWSError>
        if let folderNode = operation.message("SavedItemFolderId")?.children.first {
            target = try folder(folderNode, context)
        } else {
            target = actingCalendar(context)
        }
        let reader = CalendarItemReader(version: context.version)
        var messages: [EWSResponseMessage] = []
        for item in items.children {
            guard item.name == "CalendarItem", item.namespace == EWSNamespace.types else {
                messages.append(
                    EWSResponseMessage(error: EWSError("ErrorInvalidRequest", "The EWS emulator stores calendar items only.")))
                continue
            }
            let fields = try reader.read(item)
            let result = Result { () throws(EWSError) -> XMLWriter in
                guard operation.attributes["SendMeetingInvitations"] != nil else {
                    throw EWSError(
                        "ErrorSendMeetingInvitationsRequired",
                        "The SendMeetingInvitations attribute is required for calendar items.")
                }
                let folder = try target.get()
                guard folder.isCalendar else { throw EWSError.folderNotFound }
                let record = try insert(try fields.get(), into: folder.mailbox, context: context)
                var xml = XMLWriter()
                xml.element("m:Items") { xml in
                    xml.element("t:CalendarItem") { xml in
                        xml.empty("t:ItemId", [("Id", record.id), ("ChangeKey", record.changeKey)])
                    }
                }
                return xml
            }
            messages.append(EWSResponseMessage(result))
        }
        return EWSResponseMessage.response("CreateItem", messages)
    }

    /// Builds an item from request properties and stores it.
    func insert(_ fields: [ItemFieldValue], into mailbox: EWSTenant.Mailbox, context: EWSRequestContext) throws(EWSError)
        -> CalendarItemRecord
    {
        var startText: String?
        var endText: String?
        var startZoneId: String?
        var endZoneId: String?
        for field in fields {
            switch field {
            case .start(let text): startText = text
            case .end(let text): endText = text
            case .startTimeZone(let id): startZoneId = id
            case .endTimeZone(let id): endZoneId = id
            default: break
            }
        }
        let zones = try itemZones(startId: startZoneId, endId: endZoneId, context: context)
        guard let startText, let endText, let start = EWSDateTime.parse(startText, defaultZone: zones.start),
            let end = EWSDateTime.parse(endText, defaultZone: zones.end)
        else { throw EWSError("ErrorInvalidRequest", "The EWS emulator needs Start and End on every calendar item.") }
        let now = context.now
        return try withStore(mailbox) { store, rng throws(EWSError) -> CalendarItemRecord in
            let sequence = store.sequence + 1
            var record = CalendarItemRecord(
                id: rng.itemId(), changeKey: rng.changeKey(), uid: rng.uid(), start: start, end: end,
                organizer: .init(name: mailbox.displayName, emailAddress: mailbox.primarySmtpAddress),
                startTimeZone: zones.startId, endTimeZone: zones.endId, created: now, lastModified: now,
                createdSequence: sequence, modifiedSequence: sequence)
            for field in fields { record.apply(field) }
            try record.normalise(zones: zones)
            _ = store.nextSequence()
            store.insert(record)
            return record
        }
    }
}
