import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// A `t:CalendarItem` as FindItem, GetItem or SyncFolderItems return it, reduced to what CalSync reads. Properties
/// the answer left out stay nil (Exchange leaves out what is not set).
struct EWSCalendarItem: Sendable, Hashable {
    var id: String
    var changeKey: String?
    var subject: String?
    var location: String?
    var categories: [String] = []
    var start: Date?
    var end: Date?
    var isAllDay = false
    var legacyFreeBusyStatus: String?
    var isCancelled = false
    var myResponseType: String?
    var itemType: String?
    var startTimeZone: String?
    /// CalSync's tag (the named property), when the answer carried it.
    var tag: String?

    /// Nil when the element has no ItemId.
    init?(_ element: SOAPElement) {
        guard let itemId = element.type("ItemId"), let id = itemId.attributes["Id"], !id.isEmpty else { return nil }
        self.id = id
        changeKey = itemId.attributes["ChangeKey"]
        subject = element.type("Subject")?.text
        location = element.type("Location")?.text
        categories = element.type("Categories")?.types("String").map(\.value) ?? []
        start = element.type("Start").flatMap { Timestamp.parse($0.value, requireOffset: false) }
        end = element.type("End").flatMap { Timestamp.parse($0.value, requireOffset: false) }
        isAllDay = element.type("IsAllDayEvent")?.boolValue ?? false
        legacyFreeBusyStatus = element.type("LegacyFreeBusyStatus")?.value
        isCancelled = element.type("IsCancelled")?.boolValue ?? false
        myResponseType = element.type("MyResponseType")?.value
        itemType = element.type("CalendarItemType")?.value
        startTimeZone = element.type("StartTimeZone")?.attributes["Id"]
        tag = EWSTagProperty.value(in: element)
    }

    /// Every item element (of any item class) inside `container` (`t:Items`, a change).
    static func all(in container: SOAPElement?) -> [EWSCalendarItem] {
        (container?.children ?? []).compactMap(EWSCalendarItem.init)
    }

    /// The neutral event: times as instants in the item's own start zone; an all-day item's dates in that zone
    /// (`docs/exchange.md`, "Time zones").
    func external(zones: WindowsZones) -> ExternalEvent {
        let zoneName = startTimeZone.flatMap { zones.ianaName(for: $0) } ?? "UTC"
        var time: EventTime?
        if let start, let end, end >= start {
            if isAllDay {
                let zone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!
                let first = LocalDate(start, in: zone)
                let last = LocalDate(end, in: zone)
                time = .allDay(first: first, end: last > first ? last : first.adding(days: 1))
            } else {
                time = .timed(TimeRange(start: start, end: end), zone: zoneName)
            }
        }
        return ExternalEvent(
            id: id, time: time, showAs: Self.showAs(legacyFreeBusyStatus), isCancelled: isCancelled,
            declinedByOwner: myResponseType == "Decline", isSeriesMaster: itemType == "RecurringMaster",
            categories: categories, tagValue: tag,
            labelDigest: subject.map { EventLabel.digest(subject: $0, location: location) })
    }

    /// LegacyFreeBusyStatus in CalSync's words; a value Exchange did not send (or NoData) is unknown.
    static func showAs(_ status: String?) -> ShowAs {
        switch status {
        case "Free": .free
        case "Tentative": .tentative
        case "Busy": .busy
        case "OOF": .oof
        case "WorkingElsewhere": .workingElsewhere
        default: .unknown
        }
    }

    /// CalSync's show-as as LegacyFreeBusyStatus (unknown is written as Busy: a block CalSync writes is busy time).
    static func legacyFreeBusyStatus(_ showAs: ShowAs) -> String {
        switch showAs {
        case .free: "Free"
        case .tentative: "Tentative"
        case .busy, .unknown: "Busy"
        case .oof: "OOF"
        case .workingElsewhere: "WorkingElsewhere"
        }
    }
}
