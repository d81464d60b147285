import CalSyncCore
import CalSyncHTTP
import Foundation

/// The Calendar v3 body of an event CalSync pushes (docs/google.md, "Writing events"): title, text, place, times in
/// the event's zone, `transparent` for free and working elsewhere (else `opaque`), `status: tentative` for a pending
/// item, reminders off unless asked for, no attendees, and CalSync's tag as a private extended property. An
/// out-of-office item becomes an `outOfOffice` event on insert (timed: Google refuses all-day ones); Google cannot
/// change an event's type afterwards, so updates leave it.
enum GoogleEventWriter {
    /// The private extended property holding `EventTag`'s value (Google drops keys over 44 characters).
    static let tagProperty = "calsyncTag"

    /// The insert body with the client-chosen `id`.
    static func insertBody(_ event: OutgoingEvent, id: String) -> JSONValue {
        var body = content(event, outOfOffice: event.showAs == .oof)
        body["id"] = .string(id)
        if event.showAs == .oof { body["eventType"] = "outOfOffice" }
        if event.location == nil { body["location"] = nil }
        return .object(body)
    }

    /// A patch that overwrites everything CalSync wrote (an absent location is removed with `null`).
    static func patchBody(_ event: OutgoingEvent, keepsOutOfOffice: Bool) -> JSONValue {
        .object(content(event, outOfOffice: keepsOutOfOffice))
    }

    private static func content(_ event: OutgoingEvent, outOfOffice: Bool) -> [String: JSONValue] {
        let (start, end) = GoogleEventTime.write(event.time, zone: event.zone, timedDays: outOfOffice)
        let transparent = event.showAs == .free || event.showAs == .workingElsewhere
        let reminders: JSONValue = event.isReminderOn ? ["useDefault": true] : ["useDefault": false, "overrides": []]
        return [
            "summary": .string(event.subject), "description": .string(event.bodyText),
            "location": event.location.map(JSONValue.string) ?? .null, "start": start, "end": end,
            "transparency": transparent && !outOfOffice ? "transparent" : "opaque",
            "status": event.showAs == .tentative ? "tentative" : "confirmed", "reminders": reminders,
            "extendedProperties": ["private": [tagProperty: .string(event.tag)]],
        ]
    }
}
