import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// An `OutgoingEvent` in EWS's words (`docs/exchange.md`, "CreateItem", "UpdateItem", "Time zones"): UTC instants,
/// the event's zone as a Windows id on StartTimeZone and EndTimeZone, an all-day event from midnight to midnight in
/// that zone, show-as as LegacyFreeBusyStatus, CalSync's tag in its named property. No attendees, ever.
struct EWSOutgoingItem: Sendable {
    let event: OutgoingEvent
    /// The Windows id written (UTC when CLDR has no Windows name for the event's zone).
    let zoneId: String
    let start: Date
    let end: Date

    init(_ event: OutgoingEvent, zones: WindowsZones) {
        self.event = event
        let windows = zones.windowsName(for: event.zone)
        let known = windows == "UTC" || zones.windowsToIANA[windows] != nil
        zoneId = known ? windows : "UTC"
        switch event.time {
        case .timed(let range, _):
            start = range.start
            end = range.end
        case .allDay(let first, let last):
            let zone = (known ? zones.timeZone(named: windows) : nil) ?? TimeZone(identifier: "UTC")!
            start = first.startOfDay(in: zone)
            end = last.startOfDay(in: zone)
        }
    }

    /// `<t:CalendarItem>` for CreateItem, children in the schema's order (item properties, the extended property,
    /// then the calendar ones).
    func write(to xml: inout SOAPWriter) {
        xml.element("t:CalendarItem") { xml in
            xml.element("t:Subject", event.subject)
            xml.element("t:Sensitivity", "Normal")
            xml.element("t:Body", event.bodyText, [("BodyType", "Text")])
            if !event.categories.isEmpty { writeCategories(to: &xml) }
            xml.element("t:ReminderIsSet", event.isReminderOn ? "true" : "false")
            EWSTagProperty.write(event.tag, to: &xml)
            xml.element("t:Start", Timestamp.format(start))
            xml.element("t:End", Timestamp.format(end))
            xml.element("t:IsAllDayEvent", event.isAllDay ? "true" : "false")
            xml.element("t:LegacyFreeBusyStatus", EWSCalendarItem.legacyFreeBusyStatus(event.showAs))
            if let location = event.location, !location.isEmpty { xml.element("t:Location", location) }
            xml.empty("t:StartTimeZone", [("Id", zoneId)])
            xml.empty("t:EndTimeZone", [("Id", zoneId)])
        }
    }

    /// `<t:Updates>` overwriting everything CalSync writes: a SetItemField per property (an absent location or no
    /// categories: DeleteItemField). The zones come before the times they place.
    func writeUpdates(to xml: inout SOAPWriter) {
        xml.element("t:Updates") { xml in
            set("item:Subject", &xml) { $0.element("t:Subject", event.subject) }
            set("item:Body", &xml) { $0.element("t:Body", event.bodyText, [("BodyType", "Text")]) }
            if event.categories.isEmpty {
                xml.element("t:DeleteItemField") { $0.empty("t:FieldURI", [("FieldURI", "item:Categories")]) }
            } else {
                set("item:Categories", &xml) { writeCategories(to: &$0) }
            }
            set("item:ReminderIsSet", &xml) { $0.element("t:ReminderIsSet", event.isReminderOn ? "true" : "false") }
            xml.element("t:SetItemField") { xml in
                EWSTagProperty.writeURI(to: &xml)
                xml.element("t:CalendarItem") { EWSTagProperty.write(event.tag, to: &$0) }
            }
            set("calendar:StartTimeZone", &xml) { $0.empty("t:StartTimeZone", [("Id", zoneId)]) }
            set("calendar:EndTimeZone", &xml) { $0.empty("t:EndTimeZone", [("Id", zoneId)]) }
            set("calendar:Start", &xml) { $0.element("t:Start", Timestamp.format(start)) }
            set("calendar:End", &xml) { $0.element("t:End", Timestamp.format(end)) }
            set("calendar:IsAllDayEvent", &xml) { $0.element("t:IsAllDayEvent", event.isAllDay ? "true" : "false") }
            set("calendar:LegacyFreeBusyStatus", &xml) {
                $0.element("t:LegacyFreeBusyStatus", EWSCalendarItem.legacyFreeBusyStatus(event.showAs))
            }
            if let location = event.location, !location.isEmpty {
                set("calendar:Location", &xml) { $0.element("t:Location", location) }
            } else {
                xml.element("t:DeleteItemField") { $0.empty("t:FieldURI", [("FieldURI", "calendar:Location")]) }
            }
        }
    }

    private func writeCategories(to xml: inout SOAPWriter) {
        xml.element("t:Categories") { xml in
            for category in event.categories { xml.element("t:String", category) }
        }
    }

    /// `<t:SetItemField>`: the path, then an item holding only that property.
    private func set(_ uri: String, _ xml: inout SOAPWriter, _ value: (inout SOAPWriter) -> Void) {
        xml.element("t:SetItemField") { xml in
            xml.empty("t:FieldURI", [("FieldURI", uri)])
            xml.element("t:CalendarItem", [], value)
        }
    }
}
