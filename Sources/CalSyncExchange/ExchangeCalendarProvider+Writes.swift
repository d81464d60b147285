import CalSyncCore
import Foundation

/// Push (`docs/exchange.md`, "CreateItem", "UpdateItem", "DeleteItem"): CalSync's items are plain appointments,
/// written without invitations or cancellations.
extension ExchangeCalendarProvider {
    /// Creates the item. After an attempt with the same key ended without a clear answer, the tag is looked up
    /// first, so a create that did happen is adopted rather than repeated.
    public func create(_ event: OutgoingEvent, in calendar: CalendarID, idempotencyKey: String) async throws -> String {
        if ambiguousCreates.contains(idempotencyKey), let existing = try await find(tag: event.tag, in: calendar) {
            ambiguousCreates.remove(idempotencyKey)
            return existing
        }
        let item = EWSOutgoingItem(event, zones: zones)
        let messages: [EWSResponseMessage]
        do {
            messages = try await client.call("CreateItem", as: calendar, isCreate: true) { xml in
                xml.element("m:CreateItem", [("SendMeetingInvitations", "SendToNone")]) { xml in
                    xml.element("m:SavedItemFolderId") { xml in EWSEnvelope.calendarFolder(calendar, to: &xml) }
                    xml.element("m:Items") { item.write(to: &$0) }
                }
            }
        } catch let error as CalendarError where error.isOutcomeUnknown {
            ambiguousCreates.insert(idempotencyKey)
            throw error
        }
        let message = try single(messages, "CreateItem")
        guard let created = EWSCalendarItem.all(in: message.element.message("Items")).first else {
            ambiguousCreates.insert(idempotencyKey)
            throw CalendarError(
                .transient, providerCode: CalendarError.outcomeUnknownCode,
                message: "Exchange's CreateItem answer names no item")
        }
        ambiguousCreates.remove(idempotencyKey)
        changeKeys.remember(created.id, created.changeKey)
        ownWrites.wrote(created.id, changeKey: created.changeKey)
        return created.id
    }

    /// Overwrites the item with the item's current ChangeKey; a stale key is read again and the update retried
    /// once.
    public func update(_ id: String, in calendar: CalendarID, to event: OutgoingEvent) async throws {
        let item = EWSOutgoingItem(event, zones: zones)
        var changeKey = changeKeys[id]
        if changeKey == nil { changeKey = try await currentChangeKey(id, in: calendar) }
        do {
            try await updateItem(id, changeKey: changeKey, item, in: calendar, overwrite: false)
        } catch let error as CalendarError where EWSErrorCode.staleChangeKey.contains(error.providerCode ?? "") {
            changeKey = try await currentChangeKey(id, in: calendar)
            try await updateItem(id, changeKey: changeKey, item, in: calendar, overwrite: true)
        }
    }

    /// Deletes the item for good, without a cancellation; throws `.notFound` when it is already gone.
    public func delete(_ id: String, in calendar: CalendarID) async throws {
        let messages = try await client.call("DeleteItem", as: calendar) { xml in
            xml.element("m:DeleteItem", [("DeleteType", "HardDelete"), ("SendMeetingCancellations", "SendToNone")]) { xml in
                xml.element("m:ItemIds") { $0.empty("t:ItemId", [("Id", id)]) }
            }
        }
        changeKeys.forget(id)
        _ = try single(messages, "DeleteItem")
        ownWrites.deleted(id)
    }

    private func updateItem(
        _ id: String, changeKey: String?, _ item: EWSOutgoingItem, in calendar: CalendarID, overwrite: Bool
    ) async throws {
        let messages = try await client.call("UpdateItem", as: calendar) { xml in
            xml.element(
                "m:UpdateItem",
                [
                    ("ConflictResolution", overwrite ? "AlwaysOverwrite" : "AutoResolve"),
                    ("SendMeetingInvitationsOrCancellations", "SendToNone"),
                ]
            ) { xml in
                xml.element("m:ItemChanges") { xml in
                    xml.element("t:ItemChange") { xml in
                        var attributes = [("Id", id)]
                        if let changeKey { attributes.append(("ChangeKey", changeKey)) }
                        xml.empty("t:ItemId", attributes)
                        item.writeUpdates(to: &xml)
                    }
                }
            }
        }
        let message = try single(messages, "UpdateItem")
        if let updated = EWSCalendarItem.all(in: message.element.message("Items")).first {
            changeKeys.remember(updated.id, updated.changeKey)
            ownWrites.wrote(updated.id, changeKey: updated.changeKey)
        }
    }

    /// The item's current ChangeKey (GetItem, IdOnly); `.notFound` when it is gone.
    private func currentChangeKey(_ id: String, in calendar: CalendarID) async throws -> String? {
        let messages = try await client.call("GetItem", as: calendar) { xml in
            xml.element("m:GetItem") { xml in
                EWSItemShape.write(fields: [], tag: false, to: &xml)
                xml.element("m:ItemIds") { $0.empty("t:ItemId", [("Id", id)]) }
            }
        }
        let message = try single(messages, "GetItem")
        let key = EWSCalendarItem.all(in: message.element.message("Items")).first?.changeKey
        changeKeys.remember(id, key)
        return key
    }
}
