import Foundation

// MARK: - DeleteItem (docs/exchange.md, "DeleteItem")

extension EWSEmulator {
    /// Deletes each item (a master takes its series with it; an occurrence id deletes that occurrence only). DeleteType
    /// is required; SendMeetingCancellations is required for calendar items. An id that is gone is
    /// ErrorItemNotFound for that id only. The emulator has no Deleted Items folder: every DeleteType removes the
    /// item from the calendar.
    func deleteItem(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let ids = operation.message("ItemIds") else {
            throw EWSFault.schemaValidation("The element 'DeleteItem' has incomplete content: 'ItemIds'.", at: operation)
        }
        guard let type = operation.attributes["DeleteType"], ["HardDelete", "SoftDelete", "MoveToDeletedItems"].contains(type)
        else { throw EWSFault.schemaValidation("The required attribute 'DeleteType' is missing or invalid.", at: operation) }
        let cancellations = operation.attributes["SendMeetingCancellations"]
        if let cancellations, !Self.sendInvitationsValues.contains(cancellations) {
            throw EWSFault.schemaValidation(
                "'\(cancellations)' is not a CalendarItemCreateOrDeleteOperationType value.", at: operation)
        }
        if operation.attributes["SuppressReadReceipts"] != nil, context.version < .exchange2013SP1 {
            throw EWSFault.schemaValidation(
                "The 'SuppressReadReceipts' attribute needs Exchange2013_SP1 or later.", at: operation)
        }
        var messages: [EWSResponseMessage] = []
        for node in ids.children {
            let result = Result { () throws(EWSError) -> XMLWriter in
                let (id, _) = try Self.checkItemId(node).get()
                let calendar = try actingCalendar(context).get()
                try withStore(calendar.mailbox) { store, _ throws(EWSError) in
                    guard cancellations != nil else {
                        throw EWSError(
                            "ErrorSendMeetingCancellationsRequired",
                            "The SendMeetingCancellations attribute is required for calendar items.")
                    }
                    if let (masterId, index) = OccurrenceId.parse(id) {
                        guard var record = store.items[masterId], let date = record.recurrence?.date(ofOccurrence: index),
                            !record.deletedOccurrences.contains(date)
                        else { throw EWSError.itemNotFound }
                        record.deletedOccurrences.insert(date)
                        record.modifiedOccurrences[date] = nil
                        record.modifiedSequence = store.nextSequence()
                        store.insert(record)
                    } else {
                        guard store.items[id] != nil else { throw EWSError.itemNotFound }
                        store.remove(id)
                    }
                }
                return XMLWriter()
            }
            messages.append(EWSResponseMessage(result))
        }
        return EWSResponseMessage.response("DeleteItem", messages)
    }
}
