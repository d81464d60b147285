import CalSyncCore
import Foundation

/// What a view shows: a single item, a recurring master, or one occurrence of a series (plain or modified), with the
/// id that addresses it. Occurrence ids encode the master id and the occurrence's index, so GetItem, UpdateItem and
/// DeleteItem can find the occurrence again.
struct CalendarInstance: Sendable {
    enum Kind: Sendable, Hashable {
        case single
        case master
        case occurrence(index: Int, originalStart: Date)
        case exception(index: Int, originalStart: Date)
    }

    var record: CalendarItemRecord
    var kind: Kind
    var start: Date
    var end: Date
    var subject: String?
    var legacyFreeBusyStatus: String
    var location: String?

    init(_ record: CalendarItemRecord) {
        self.record = record
        kind = record.isRecurringMaster ? .master : .single
        start = record.start
        end = record.end
        subject = record.subject
        legacyFreeBusyStatus = record.legacyFreeBusyStatus
        location = record.location
    }

    init(
        occurrenceOf record: CalendarItemRecord, index: Int, originalStart: Date, originalEnd: Date,
        change: CalendarItemRecord.OccurrenceChange?
    ) {
        self.record = record
        start = change?.start ?? originalStart
        end = change?.end ?? originalEnd
        subject = change?.subject ?? record.subject
        legacyFreeBusyStatus = change?.legacyFreeBusyStatus ?? record.legacyFreeBusyStatus
        location = change?.location ?? record.location
        kind =
            change == nil
            ? .occurrence(index: index, originalStart: originalStart) : .exception(index: index, originalStart: originalStart)
    }

    var id: String {
        switch kind {
        case .single, .master: return record.id
        case .occurrence(let index, _), .exception(let index, _): return OccurrenceId.make(masterId: record.id, index: index)
        }
    }

    var changeKey: String { record.changeKey }

    var itemType: String {
        switch kind {
        case .single: return "Single"
        case .master: return "RecurringMaster"
        case .occurrence: return "Occurrence"
        case .exception: return "Exception"
        }
    }

    var isRecurring: Bool {
        switch kind {
        case .occurrence, .exception: return true
        case .single, .master: return false
        }
    }

    var originalStart: Date? {
        switch kind {
        case .occurrence(_, let start), .exception(_, let start): return start
        case .single, .master: return nil
        }
    }
}
