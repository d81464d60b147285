import CalSyncCore
import CalSyncHTTP
import Foundation

/// Reduces a Calendar v3 event to what the pull rules need (docs/google.md, "Event fields that decide busy time"):
///
/// - `status: cancelled` is a deleted event; `status: tentative` shows as tentative.
/// - `eventType`: `outOfOffice` is out of office, `workingLocation` working elsewhere, `focusTime` busy, `birthday`
///   free unless marked opaque; `transparency: transparent` is free for every other type.
/// - The owner's own answer (the attendee with `self: true`): `declined` is no block, `tentative` or `needsAction`
///   tentative.
/// - All-day events stay dates (`start.date`, exclusive `end.date`); the pull rules place them in the calendar's zone.
/// - CalSync's tag is the private extended property `GoogleEventWriter.tagProperty`.
enum GoogleEventReader {
    /// Nil for an item without an id.
    static func read(_ item: JSONValue, calendarZone: String) -> ExternalEvent? {
        guard let id = item["id"]?.stringValue, !id.isEmpty else { return nil }
        let status = item["status"]?.stringValue
        let ownAnswer = item["attendees"]?.arrayValue?.first { $0["self"]?.boolValue == true }?["responseStatus"]?
            .stringValue
        let summary = item["summary"]?.stringValue
        return ExternalEvent(
            id: id, time: GoogleEventTime.read(start: item["start"], end: item["end"], calendarZone: calendarZone),
            showAs: showAs(item, status: status, ownAnswer: ownAnswer), isCancelled: status == "cancelled",
            declinedByOwner: ownAnswer == "declined",
            isSeriesMaster: !(item["recurrence"]?.arrayValue?.isEmpty ?? true),
            tagValue: item["extendedProperties"]?["private"]?[GoogleEventWriter.tagProperty]?.stringValue,
            labelDigest: summary.map { EventLabel.digest(subject: $0, location: item["location"]?.stringValue) })
    }

    static func showAs(_ item: JSONValue, status: String?, ownAnswer: String?) -> ShowAs {
        let transparency = item["transparency"]?.stringValue
        switch item["eventType"]?.stringValue {
        case "outOfOffice": return .oof
        case "workingLocation": return .workingElsewhere
        case "birthday" where transparency != "opaque": return .free
        default: break
        }
        if transparency == "transparent" { return .free }
        if status == "tentative" || ownAnswer == "tentative" || ownAnswer == "needsAction" { return .tentative }
        return .busy
    }
}
