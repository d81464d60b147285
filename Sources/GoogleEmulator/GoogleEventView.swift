import CalSyncHTTP
import Foundation

/// An item as the API shows it: a one-off event, a series (with its `recurrence`) or one occurrence of a series
/// (with `recurringEventId` and `originalStartTime`).
struct GoogleEventView: Sendable {
    var id: String
    var fields: [String: JSONValue]
    var start: GoogleEventTime
    var end: GoogleEventTime
    var created: Date
    var updated: Date
    var change: Int
    var etag: String
    var sequence: Int
    var creator: String
    var organizer: String
    var recurringEventId: String?
    var originalStartTime: GoogleEventTime?

    var status: String { fields["status"]?.stringValue ?? "confirmed" }
    var isCancelled: Bool { status == "cancelled" }
    var eventType: String { fields["eventType"]?.stringValue ?? "default" }
    var isSeries: Bool { fields["recurrence"] != nil && recurringEventId == nil }

    /// Whether it overlaps `(timeMin, timeMax)`: DOC, timeMin bounds the end and timeMax the start, both exclusive.
    func overlaps(timeMin: Date?, timeMax: Date?, zone: TimeZone) -> Bool {
        if let timeMin, end.instant(calendarZone: zone) <= timeMin { return false }
        if let timeMax, start.instant(calendarZone: zone) >= timeMax { return false }
        return true
    }
}
