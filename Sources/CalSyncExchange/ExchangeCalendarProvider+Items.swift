import CalSyncCore
import Foundation

/// Reading items by id (`docs/exchange.md`, "GetItem") and finding CalSync's own by its tag ("Restrictions").
extension ExchangeCalendarProvider {
    public func event(_ id: String, in calendar: CalendarID) async throws -> ExternalEvent {
        guard let item = try await getItems([id], in: calendar, throwing: true).first else {
            throw CalendarError(.notFound, providerCode: EWSErrorCode.itemNotFound, message: "the item is gone")
        }
        return item.external(zones: zones)
    }

    /// The items of these ids (one GetItem). Ids that are gone are left out, unless `throwing`: then any error
    /// message is thrown (ErrorItemNotFound as `.notFound`).
    func getItems(_ ids: [String], in calendar: CalendarID, throwing: Bool = false) async throws -> [EWSCalendarItem] {
        let messages = try await client.call("GetItem", as: calendar) { xml in
            xml.element("m:GetItem") { xml in
                EWSItemShape.write(to: &xml)
                xml.element("m:ItemIds") { xml in
                    for id in ids { xml.empty("t:ItemId", [("Id", id)]) }
                }
            }
        }
        var items: [EWSCalendarItem] = []
        for message in messages {
            guard message.isSuccess else {
                if throwing || message.error().kind != .notFound { throw message.error() }
                continue
            }
            for item in EWSCalendarItem.all(in: message.element.message("Items")) {
                changeKeys.remember(item.id, item.changeKey)
                items.append(item)
            }
        }
        return items
    }

    /// The item carrying this tag, by a FindItem restriction on the named property (exact value compared here too,
    /// whatever case rules the server's restriction follows); nil when there is none.
    public func find(tag: String, in calendar: CalendarID) async throws -> String? {
        let messages = try await client.call("FindItem", as: calendar) { xml in
            xml.element("m:FindItem", [("Traversal", "Shallow")]) { xml in
                EWSItemShape.write(fields: [], to: &xml)
                xml.empty("m:IndexedPageItemView", [("MaxEntriesReturned", "20"), ("Offset", "0"), ("BasePoint", "Beginning")])
                xml.element("m:Restriction") { xml in
                    xml.element("t:IsEqualTo") { xml in
                        EWSTagProperty.writeURI(to: &xml)
                        xml.element("t:FieldURIOrConstant") { xml in xml.empty("t:Constant", [("Value", tag)]) }
                    }
                }
                xml.element("m:ParentFolderIds") { xml in EWSEnvelope.calendarFolder(calendar, to: &xml) }
            }
        }
        let message = try single(messages, "FindItem")
        let items = EWSCalendarItem.all(in: message.element.message("RootFolder")?.type("Items"))
        let match = items.first { $0.tag == tag } ?? items.first { $0.tag == nil }
        if let match { changeKeys.remember(match.id, match.changeKey) }
        return match?.id
    }
}
