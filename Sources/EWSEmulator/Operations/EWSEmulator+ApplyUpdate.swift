import CalSyncCore
import Foundation

// MARK: - Applying an ItemChange to a stored item or to one occurrence

extension EWSEmulator {
    func apply(
        _ updates: [ItemUpdate], to id: String, changeKey: String?, resolution: String, in mailbox: EWSTenant.Mailbox,
        context: EWSRequestContext
    ) throws(EWSError) -> CalendarItemRecord {
        let occurrence = OccurrenceId.parse(id)
        let recordId = occurrence?.masterId ?? id
        var startZoneId: String?
        var endZoneId: String?
        for case .set(let value) in updates {
            if case .startTimeZone(let zoneId) = value { startZoneId = zoneId }
            if case .endTimeZone(let zoneId) = value { endZoneId = zoneId }
        }
        let now = context.now
        return try withStore(mailbox) { store, rng throws(EWSError) -> CalendarItemRecord in
            guard var record = store.items[recordId] else { throw EWSError.itemNotFound }
            guard let changeKey else {
                throw EWSError(
                    "ErrorChangeKeyRequiredForWriteOperations",
                    "When you make a change to an item, you must pass in a correct and current change key.")
            }
            if changeKey != record.changeKey,
                !(resolution == "AlwaysOverwrite" && configuration.alwaysOverwriteIgnoresStaleChangeKey)
            {
                throw EWSError(
                    configuration.staleChangeKeyCode,
                    "The send or update operation could not be performed because the change key passed in the request does "
                        + "not match the current change key for the item.")
            }
            let zones = try itemZones(
                startId: startZoneId ?? record.startTimeZone, endId: endZoneId ?? record.endTimeZone,
                context: context)
            if let occurrence {
                try applyToOccurrence(updates, index: occurrence.index, record: &record, zones: zones)
            } else {
                for update in updates {
                    switch update {
                    case .set(.start(let text)):
                        record.start = EWSDateTime.parse(text, defaultZone: zones.start) ?? record.start
                    case .set(.end(let text)):
                        record.end = EWSDateTime.parse(text, defaultZone: zones.end) ?? record.end
                    case .set(.startTimeZone(let zoneId)): record.startTimeZone = zoneId
                    case .set(.endTimeZone(let zoneId)): record.endTimeZone = zoneId
                    case .set(let value): record.apply(value)
                    case .delete(let name): record.delete(name)
                    case .deleteExtended(let uri): record.setExtended(uri, nil)
                    }
                }
                try record.normalise(zones: zones)
            }
            record.changeKey = rng.changeKey()
            record.lastModified = now
            record.modifiedSequence = store.nextSequence()
            store.insert(record)
            return record
        }
    }

    /// An occurrence becomes an exception: its own Start, End, Subject, LegacyFreeBusyStatus or Location. Other
    /// properties belong to the series.
    private func applyToOccurrence(
        _ updates: [ItemUpdate], index: Int, record: inout CalendarItemRecord, zones: ItemZones
    ) throws(EWSError) {
        guard let recurrence = record.recurrence, let date = recurrence.date(ofOccurrence: index),
            !record.deletedOccurrences.contains(date)
        else { throw EWSError.itemNotFound }
        let (originalStart, originalEnd) = MailboxStore.times(of: record, on: date, zone: storedZone(record.startTimeZone))
        var change =
            record.modifiedOccurrences[date]
            ?? CalendarItemRecord.OccurrenceChange(start: originalStart, end: originalEnd)
        for update in updates {
            switch update {
            case .set(.start(let text)): change.start = EWSDateTime.parse(text, defaultZone: zones.start) ?? change.start
            case .set(.end(let text)): change.end = EWSDateTime.parse(text, defaultZone: zones.end) ?? change.end
            case .set(.subject(let text)): change.subject = text
            case .set(.legacyFreeBusyStatus(let text)): change.legacyFreeBusyStatus = text
            case .set(.location(let text)): change.location = text
            case .set(.startTimeZone), .set(.endTimeZone), .set(.ignored), .delete: continue
            default:
                throw EWSError(
                    "ErrorInvalidPropertySet",
                    "The EWS emulator changes only Start, End, Subject, LegacyFreeBusyStatus and Location of an occurrence.")
            }
        }
        guard change.end >= change.start else {
            throw EWSError("ErrorCalendarEndDateIsEarlierThanStartDate", "The end date is earlier than the start date.")
        }
        record.modifiedOccurrences[date] = change
    }
}
