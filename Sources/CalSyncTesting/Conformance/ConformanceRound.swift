import CalSyncCore
import Foundation

/// One round of a change listing as the conformance suite read it, and what a caller's view of the calendar
/// becomes when it applies the round the way the engine does.
struct ConformanceRound: Sendable {
    var changes: [CalendarChange]
    var isFullListing: Bool
    /// The cursor that starts the next round.
    var cursor: SyncCursor

    var upserts: [ExternalEvent] {
        changes.compactMap { if case .upsert(let event) = $0 { return event } else { return nil } }
    }

    var removals: [String] {
        changes.compactMap { if case .removed(let id) = $0 { return id } else { return nil } }
    }

    /// The view after this round: a full listing replaces it; other rounds add, replace and remove entries (later
    /// changes of one id win, removals of unknown ids are ignored).
    func applied(to view: [String: ExternalEvent]) -> [String: ExternalEvent] {
        var result = isFullListing ? [:] : view
        for change in changes {
            switch change {
            case .upsert(let event): result[event.id] = event
            case .removed(let id): if !isFullListing { result[id] = nil }
            }
        }
        return result
    }
}
