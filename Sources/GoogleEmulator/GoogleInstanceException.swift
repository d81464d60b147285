import CalSyncHTTP
import Foundation

/// A changed or cancelled occurrence of a series.
struct GoogleInstanceException: Sendable {
    var originalStart: GoogleEventTime
    /// Fields that differ from the series (a patch of the occurrence), including `status: cancelled` for a deleted one.
    var fields: [String: JSONValue]
    /// The occurrence's own times when it was moved.
    var start: GoogleEventTime?
    var end: GoogleEventTime?
    var updated: Date
    var change: Int
    var revision: Int
}
