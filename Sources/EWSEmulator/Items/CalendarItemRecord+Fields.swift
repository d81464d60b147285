import CalSyncCore
import Foundation

// MARK: - Applying request properties to an item (CreateItem, SetItemField, DeleteItemField)

extension CalendarItemRecord {
    /// Calendar rules checked after every write: End not before Start (ErrorCalendarEndDateIsEarlierThanStartDate), at
    /// most five years long (ErrorCalendarDurationIsTooLong); an all-day item moved to midnights in its zones.
    mutating func normalise(zones: ItemZones) throws(EWSError) {
        guard end >= start else {
            throw EWSError("ErrorCalendarEndDateIsEarlierThanStartDate", "The end date is earlier than the start date.")
        }
        guard end.timeIntervalSince(start) <= 5 * 366 * 86_400 else {
            throw EWSError("ErrorCalendarDurationIsTooLong", "The duration of the calendar item is too long.")
        }
        if isAllDay {
            // DOC: a non-midnight start moves back to the previous midnight, a non-midnight end forward to the next.
            let startDate = LocalDate(start, in: zones.start)
            start = startDate.startOfDay(in: zones.start)
            var endDate = LocalDate(end, in: zones.end)
            if endDate.startOfDay(in: zones.end) < end { endDate = endDate.adding(days: 1) }
            end = endDate.startOfDay(in: zones.end)
            if end <= start { end = startDate.adding(days: 1).startOfDay(in: zones.start) }
        }
        if let recurrence {
            // The master sits on the series' first occurrence, at its own time of day (all day: from midnight).
            guard let first = recurrence.firstDate else { throw ItemRecurrence.invalid }
            (start, end) = MailboxStore.times(of: self, on: first, zone: zones.start)
        }
    }

    /// Sets one property (not Start, End or the zones, which the caller reads with the right zones).
    mutating func apply(_ value: ItemFieldValue) {
        switch value {
        case .subject(let text): subject = text
        case .sensitivity(let text): sensitivity = text
        case .body(let text, let type):
            body = text
            bodyType = type
        case .categories(let list): categories = list
        case .importance(let text): importance = text
        case .reminderIsSet(let flag): reminderIsSet = flag
        case .reminderMinutesBeforeStart(let minutes): reminderMinutesBeforeStart = minutes
        case .extended(let uri, let value): setExtended(uri, value)
        case .uid(let text): uid = text
        case .isAllDay(let flag): isAllDay = flag
        case .legacyFreeBusyStatus(let text): legacyFreeBusyStatus = text
        case .location(let text): location = text
        case .isResponseRequested(let flag): isResponseRequested = flag
        case .recurrence(let value):
            recurrence = value
            deletedOccurrences = []
            modifiedOccurrences = [:]
        case .start, .end, .startTimeZone, .endTimeZone, .ignored:
            break
        }
    }

    /// DeleteItemField on a property path (`Location`, `Body`…): the property goes back to unset.
    mutating func delete(_ name: String) {
        switch name {
        case "Subject": subject = nil
        case "Body":
            body = nil
            bodyType = "Text"
        case "Categories": categories = []
        case "Location": location = nil
        case "IsResponseRequested": isResponseRequested = nil
        case "Recurrence":
            recurrence = nil
            deletedOccurrences = []
            modifiedOccurrences = [:]
        default: break
        }
    }
}
