import CalSyncCore
import Foundation

/// A calendar's zone. EWS has no mailbox setting for it, so it is read from the person's own items: Outlook creates
/// each in its owner's zone (StartTimeZone). The most frequent zone of the latest items wins; CalSync's own items
/// do not count; an empty calendar gets the configured fallback.
extension ExchangeCalendarProvider {
    static let zoneSampleSize = 50

    public func timeZone(of calendar: CalendarID) async throws -> String {
        let messages = try await client.call("FindItem", as: calendar) { xml in
            xml.element("m:FindItem", [("Traversal", "Shallow")]) { xml in
                EWSItemShape.write(fields: ["item:Categories", "calendar:StartTimeZone"], to: &xml)
                xml.empty(
                    "m:IndexedPageItemView",
                    [("MaxEntriesReturned", String(Self.zoneSampleSize)), ("Offset", "0"), ("BasePoint", "Beginning")])
                xml.element("m:SortOrder") { xml in
                    xml.element("t:FieldOrder", [("Order", "Descending")]) { xml in
                        xml.empty("t:FieldURI", [("FieldURI", "item:DateTimeCreated")])
                    }
                }
                xml.element("m:ParentFolderIds") { xml in EWSEnvelope.calendarFolder(calendar, to: &xml) }
            }
        }
        let message = try single(messages, "FindItem")
        let items = EWSCalendarItem.all(in: message.element.message("RootFolder")?.type("Items"))
        // Newest first: between zones seen equally often, the one seen first (the newer item) wins.
        var tally: [(name: String, count: Int)] = []
        for item in items where item.tag == nil && !item.categories.contains(EventTag.category) {
            guard let id = item.startTimeZone, let name = zones.ianaName(for: id) else { continue }
            if let index = tally.firstIndex(where: { $0.name == name }) {
                tally[index].count += 1
            } else {
                tally.append((name, 1))
            }
        }
        var best: (name: String, count: Int)?
        for entry in tally where entry.count > (best?.count ?? 0) { best = entry }
        return best?.name ?? settings.fallbackTimeZone
    }
}
