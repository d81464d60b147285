import CalSyncCore
import Foundation

/// What CalSync's cursor for an Exchange calendar holds: the SyncFolderItems state (which tells *that* something
/// changed), the window last listed, and, in the middle of a listing, where the next month-sized page starts.
/// Written as `ews1|<window start>|<window end>|<next page or ->|<sync state>` (seconds since 1970).
struct EWSSyncCursor: Sendable, Hashable {
    var syncState: String
    var window: TimeRange
    var relistFrom: Date?

    var cursor: SyncCursor {
        let from = relistFrom.map { String(Int64($0.timeIntervalSince1970)) } ?? "-"
        return SyncCursor(
            "ews1|\(Int64(window.start.timeIntervalSince1970))|\(Int64(window.end.timeIntervalSince1970))|\(from)|\(syncState)")
    }

    init(syncState: String, window: TimeRange, relistFrom: Date? = nil) {
        self.syncState = syncState
        self.window = window
        self.relistFrom = relistFrom
    }

    /// Reads a cursor this adapter wrote; anything else can no longer be followed.
    init(_ cursor: SyncCursor) throws(CalendarError) {
        let parts = cursor.value.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "ews1", let start = Int64(parts[1]), let end = Int64(parts[2]), start < end
        else {
            throw CalendarError(.cursorExpired, message: "the stored Exchange sync state is not one CalSync wrote")
        }
        window = TimeRange(
            start: Date(timeIntervalSince1970: Double(start)), end: Date(timeIntervalSince1970: Double(end)))
        relistFrom = Int64(parts[3]).map { Date(timeIntervalSince1970: Double($0)) }
        syncState = String(parts[4])
    }
}
