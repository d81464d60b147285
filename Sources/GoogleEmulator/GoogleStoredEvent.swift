import CalSyncHTTP
import Foundation

/// One event of a calendar as the emulator keeps it: the fields a client set (summary, start, end, status,
/// transparency, eventType, extendedProperties, attendees, recurrence, …) and the server's own bookkeeping. A
/// deleted event stays, with `status: cancelled` (DOC: deleted events keep their id, which cannot be reused).
struct GoogleStoredEvent: Sendable {
    var id: String
    /// Client-settable fields, validated and normalised (`GoogleEventRules`).
    var fields: [String: JSONValue]
    var start: GoogleEventTime
    var end: GoogleEventTime
    var recurrence: GoogleRecurrence?
    var created: Date
    var updated: Date
    /// The calendar's change counter when this event last changed (what sync tokens compare).
    var change: Int
    /// Bumped on every change (the `etag`).
    var revision: Int
    /// iCalendar SEQUENCE: bumped when the time changes.
    var sequence = 0
    var creator: String
    var organizer: String
    /// Changed or cancelled occurrences of a series, by `GoogleInstanceKey`.
    var exceptions: [String: GoogleInstanceException] = [:]

    var status: String { fields["status"]?.stringValue ?? "confirmed" }
    var isCancelled: Bool { status == "cancelled" }
    var eventType: String { fields["eventType"]?.stringValue ?? "default" }
    var etag: String { "\"\(3_181_161_784_700_000 + revision)\"" }
}
