import Foundation

/// One property a request sets on a calendar item, read and checked against the schema.
enum ItemFieldValue: Sendable {
    case subject(String)
    case sensitivity(String)
    case body(String, type: String)
    case categories([String])
    case importance(String)
    case reminderIsSet(Bool)
    case reminderMinutesBeforeStart(Int)
    case extended(ExtendedFieldURI, ExtendedPropertyValue)
    case uid(String)
    /// Start and End stay text until the zones that read them are known (StartTimeZone may come later).
    case start(String)
    case end(String)
    case isAllDay(Bool)
    case legacyFreeBusyStatus(String)
    case location(String)
    case isResponseRequested(Bool)
    case recurrence(ItemRecurrence)
    case startTimeZone(String)
    case endTimeZone(String)
    /// Valid and settable, but not kept by the emulator (When, attendees, conference settings…).
    case ignored(String)

    /// The element name (what a SetItemField's path must name).
    var elementName: String {
        switch self {
        case .subject: return "Subject"
        case .sensitivity: return "Sensitivity"
        case .body: return "Body"
        case .categories: return "Categories"
        case .importance: return "Importance"
        case .reminderIsSet: return "ReminderIsSet"
        case .reminderMinutesBeforeStart: return "ReminderMinutesBeforeStart"
        case .extended: return "ExtendedProperty"
        case .uid: return "UID"
        case .start: return "Start"
        case .end: return "End"
        case .isAllDay: return "IsAllDayEvent"
        case .legacyFreeBusyStatus: return "LegacyFreeBusyStatus"
        case .location: return "Location"
        case .isResponseRequested: return "IsResponseRequested"
        case .recurrence: return "Recurrence"
        case .startTimeZone: return "StartTimeZone"
        case .endTimeZone: return "EndTimeZone"
        case .ignored(let name): return name
        }
    }
}
