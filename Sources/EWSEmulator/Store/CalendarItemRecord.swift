import CalSyncCore
import Foundation

/// A calendar item as the emulated store keeps it: a single item or a recurring master (its occurrences are
/// computed, `CalendarInstance`), with the fields EWS exposes and the bookkeeping SyncFolderItems needs.
struct CalendarItemRecord: Sendable {
    struct Organizer: Sendable, Hashable {
        var name: String
        var emailAddress: String
    }

    /// What a modified occurrence (an exception) changes, keyed by its original date.
    struct OccurrenceChange: Sendable, Hashable {
        var start: Date
        var end: Date
        var subject: String?
        var legacyFreeBusyStatus: String?
        var location: String?
    }

    var id: String
    var changeKey: String
    var subject: String?
    var body: String?
    var bodyType = "Text"
    var sensitivity = "Normal"
    var importance = "Normal"
    var categories: [String] = []
    var reminderIsSet = true
    var reminderMinutesBeforeStart = 15
    var extendedProperties: [StoredExtendedProperty] = []
    var uid: String
    var start: Date
    var end: Date
    var isAllDay = false
    var legacyFreeBusyStatus = "Busy"
    var location: String?
    var isMeeting = false
    var isCancelled = false
    var isResponseRequested: Bool?
    var myResponseType = "Organizer"
    var organizer: Organizer
    var startTimeZone: String
    var endTimeZone: String
    var recurrence: ItemRecurrence?
    var deletedOccurrences: Set<LocalDate> = []
    var modifiedOccurrences: [LocalDate: OccurrenceChange] = [:]
    var created: Date
    var lastModified: Date
    /// The mailbox change counter when the item was created and last changed (SyncFolderItems).
    var createdSequence: Int
    var modifiedSequence: Int

    var isRecurringMaster: Bool { recurrence != nil }

    /// The CalendarItemType of the stored item (occurrences are `CalendarInstance`s).
    var itemType: String { isRecurringMaster ? "RecurringMaster" : "Single" }

    /// AppointmentState bits: 1 meeting, 2 received (the mailbox is not the organizer's), 4 cancelled.
    var appointmentState: Int {
        (isMeeting ? 1 : 0) | (isMeeting && myResponseType != "Organizer" ? 2 : 0) | (isCancelled ? 4 : 0)
    }

    func extendedValue(_ uri: ExtendedFieldURI) -> ExtendedPropertyValue? {
        let key = uri.key
        return extendedProperties.first { $0.uri.key == key }?.value
    }

    /// Sets (or, with nil, removes) an extended property; a new one goes last, an existing one keeps its place.
    mutating func setExtended(_ uri: ExtendedFieldURI, _ value: ExtendedPropertyValue?) {
        let key = uri.key
        if let index = extendedProperties.firstIndex(where: { $0.uri.key == key }) {
            if let value { extendedProperties[index].value = value } else { extendedProperties.remove(at: index) }
        } else if let value {
            extendedProperties.append(StoredExtendedProperty(uri: uri, value: value))
        }
    }
}
