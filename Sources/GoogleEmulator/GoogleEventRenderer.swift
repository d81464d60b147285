import CalSyncCrypto
import CalSyncHTTP
import Foundation

/// Turns an item into the JSON Google answers (calendar v3 `Event`): the client's fields plus the server's
/// (`kind`, `etag`, `htmlLink`, `created`, `updated`, `creator`, `organizer`, `iCalUID`, `sequence`, `reminders`,
/// `eventType`), times in the response's zone, `self` flags for the calendar's owner.
struct GoogleEventRenderer: Sendable {
    /// The calendar owner's primary e-mail (whose `self` flags are set).
    let owner: String
    /// The response's zone: the list's `timeZone` parameter or the calendar's.
    let zone: TimeZone

    func render(_ item: GoogleEventView) -> JSONValue {
        var o = item.fields
        o["kind"] = "calendar#event"
        o["etag"] = .string(item.etag)
        o["id"] = .string(item.id)
        o["status"] = .string(item.status)
        o["htmlLink"] = .string(
            "https://www.google.com/calendar/event?eid=" + Base64URL.encode(Array("\(item.id) \(owner)".utf8)))
        o["created"] = .string(GoogleEventTime.formatMilliseconds(item.created))
        o["updated"] = .string(GoogleEventTime.formatMilliseconds(item.updated))
        o["creator"] = person(item.creator)
        o["organizer"] = person(item.organizer)
        o["start"] = item.start.json(in: zone)
        o["end"] = item.end.json(in: zone)
        if let series = item.recurringEventId {
            o["recurringEventId"] = .string(series)
            o["originalStartTime"] = item.originalStartTime?.json(in: zone)
        }
        o["iCalUID"] = .string((item.recurringEventId ?? item.id) + "@google.com")
        o["sequence"] = .number(Double(item.sequence))
        if o["reminders"] == nil { o["reminders"] = ["useDefault": true] }
        if o["eventType"] == nil { o["eventType"] = "default" }
        if let attendees = o["attendees"]?.arrayValue {
            o["attendees"] = .array(attendees.map(attendee))
        }
        return .object(o)
    }

    /// A deleted item in a list: DOC, only its id is guaranteed (occurrences also keep `recurringEventId` and
    /// `originalStartTime`).
    func renderDeleted(_ item: GoogleEventView) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": "calendar#event", "etag": .string(item.etag), "id": .string(item.id), "status": "cancelled",
        ]
        if let series = item.recurringEventId {
            o["recurringEventId"] = .string(series)
            o["originalStartTime"] = item.originalStartTime?.json(in: zone)
        }
        return .object(o)
    }

    private func person(_ email: String) -> JSONValue {
        var o: [String: JSONValue] = ["email": .string(email)]
        if email.lowercased() == owner.lowercased() { o["self"] = true }
        return .object(o)
    }

    private func attendee(_ value: JSONValue) -> JSONValue {
        guard var o = value.objectValue else { return value }
        if o["responseStatus"] == nil { o["responseStatus"] = "needsAction" }
        if o["email"]?.stringValue?.lowercased() == owner.lowercased() { o["self"] = true }
        return .object(o)
    }
}
