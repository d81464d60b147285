import CalSyncCore
import Foundation

// MARK: - UpdateItem (docs/exchange.md, "UpdateItem")

extension EWSEmulator {
    static let updateSendValues: Set<String> = [
        "SendToNone", "SendOnlyToAll", "SendOnlyToChanged", "SendToAllAndSaveCopy", "SendToChangedAndSaveCopy",
    ]

    /// Applies each `t:ItemChange` (SetItemField, AppendToItemField, DeleteItemField, in order) to the item its ItemId
    /// names, after checking the ChangeKey: missing → ErrorChangeKeyRequiredForWriteOperations; not the current one →
    /// the configured conflict code, unless ConflictResolution AlwaysOverwrite is allowed to win. One message per
    /// change with the item's new ItemId/ChangeKey and ConflictResults.
    func updateItem(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let changes = operation.message("ItemChanges") else {
            throw EWSFault.schemaValidation("The element 'UpdateItem' has incomplete content: 'ItemChanges'.", at: operation)
        }
        let resolution = operation.attributes["ConflictResolution"] ?? "AutoResolve"
        guard ["NeverOverwrite", "AutoResolve", "AlwaysOverwrite"].contains(resolution) else {
            throw EWSFault.schemaValidation("'\(resolution)' is not a ConflictResolutionType value.", at: operation)
        }
        let send = operation.attributes["SendMeetingInvitationsOrCancellations"]
        if let send, !Self.updateSendValues.contains(send) {
            throw EWSFault.schemaValidation("'\(send)' is not a CalendarItemUpdateOperationType value.", at: operation)
        }
        if operation.attributes["SuppressReadReceipts"] != nil, context.version < .exchange2013SP1 {
            throw EWSFault.schemaValidation(
                "The 'SuppressReadReceipts' attribute needs Exchange2013_SP1 or later.", at: operation)
        }
        var messages: [EWSResponseMessage] = []
        for change in changes.children {
            guard let idNode = change.type("ItemId"), let updates = change.type("Updates") else {
                throw EWSFault.schemaValidation("The element 'ItemChange' needs 'ItemId' and 'Updates'.", at: change)
            }
            let parsed = try parseUpdates(updates, version: context.version)
            let result = Result { () throws(EWSError) -> XMLWriter in
                guard send != nil else {
                    throw EWSError(
                        "ErrorSendMeetingInvitationsOrCancellationsRequired",
                        "The SendMeetingInvitationsOrCancellations attribute is required for calendar items.")
                }
                let (id, changeKey) = try Self.checkItemId(idNode).get()
                let calendar = try actingCalendar(context).get()
                let record = try apply(
                    try parsed.get(), to: id, changeKey: changeKey, resolution: resolution, in: calendar.mailbox, context: context
                )
                var xml = XMLWriter()
                xml.element("m:Items") { xml in
                    xml.element("t:CalendarItem") { xml in
                        xml.empty("t:ItemId", [("Id", record.id), ("ChangeKey", record.changeKey)])
                    }
                }
                xml.element("m:ConflictResults") { xml in xml.element("t:Count", "0") }
                return xml
            }
            messages.append(EWSResponseMessage(result))
        }
        return EWSResponseMessage.response("UpdateItem", messages)
    }

    /// One update of an ItemChange.
    enum ItemUpdate: Sendable {
        case set(ItemFieldValue)
        case delete(String)
        case deleteExtended(ExtendedFieldURI)
    }

    /// Reads the Updates: each SetItemField holds a path and an item with exactly that one property
    /// (ErrorIncorrectUpdatePropertyCount, ErrorUpdatePropertyMismatch otherwise).
    func parseUpdates(_ updates: XMLNode, version: EWSVersion) throws(EWSFault) -> Result<[ItemUpdate], EWSError> {
        let reader = CalendarItemReader(version: version)
        var result: [ItemUpdate] = []
        for update in updates.children {
            guard let path = update.children.first else {
                throw EWSFault.schemaValidation("The element '\(update.name)' has no property path.", at: update)
            }
            let extended = path.name == "ExtendedFieldURI" ? try ExtendedFieldURI(path) : nil
            let name: String
            switch path.name {
            case "FieldURI":
                guard let uri = path.attributes["FieldURI"], let colon = uri.firstIndex(of: ":") else {
                    throw EWSFault.schemaValidation("The required attribute 'FieldURI' is missing.", at: path)
                }
                name = String(uri[uri.index(after: colon)...])
            case "ExtendedFieldURI":
                name = "ExtendedProperty"
            case "IndexedFieldURI":
                return .failure(EWSError("ErrorInvalidPropertySet", "Set action is invalid for property."))
            default:
                throw EWSFault.schemaValidation("'\(path.name)' is not a property path.", at: path)
            }
            switch update.name {
            case "SetItemField", "AppendToItemField":
                guard
                    update.name == "SetItemField"
                        || ["Body", "RequiredAttendees", "OptionalAttendees", "Resources"].contains(name)
                else { return .failure(EWSError("ErrorInvalidPropertyAppend", "Append action is invalid for property.")) }
                guard update.children.count == 2, let item = update.children.last,
                    ["CalendarItem", "Item"].contains(item.name)
                else {
                    throw EWSFault.schemaValidation("The element '\(update.name)' needs a path and a CalendarItem.", at: update)
                }
                guard item.children.count == 1, let property = item.children.first else {
                    return .failure(
                        EWSError(
                            "ErrorIncorrectUpdatePropertyCount",
                            "An object within a change description must contain one and only one property to modify."))
                }
                var propertyKey: ExtendedFieldURI.Key?
                if let uriNode = property.type("ExtendedFieldURI") { propertyKey = try ExtendedFieldURI(uriNode).key }
                guard property.name == name, extended == nil || propertyKey == extended?.key else {
                    return .failure(
                        EWSError("ErrorUpdatePropertyMismatch", "The property to update doesn't match the property path."))
                }
                switch try reader.read(item) {
                case .success(let values): result += values.map { .set($0) }
                case .failure(let error): return .failure(error)
                }
            case "DeleteItemField":
                if let extended {
                    result.append(.deleteExtended(extended))
                } else {
                    guard CalendarItemSchema.deletable.contains(name) else {
                        return .failure(EWSError("ErrorInvalidPropertyDelete", "Delete action is invalid for property."))
                    }
                    result.append(.delete(name))
                }
            default:
                throw EWSFault.schemaValidation("'\(update.name)' is not an item change.", at: update)
            }
        }
        return .success(result)
    }
}
