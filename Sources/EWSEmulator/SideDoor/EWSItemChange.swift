import CalSyncCore
import Foundation

/// A side-door edit of an item (`PATCH /_emulator/mailboxes/{address}/items/{id}`): every field optional, times in
/// the tenant file's forms. On an occurrence only start, end, subject, legacyFreeBusyStatus and location apply.
public struct EWSItemChange: Codable, Sendable, Hashable {
    public var subject: String?
    public var start: String?
    public var end: String?
    public var legacyFreeBusyStatus: String?
    public var location: String?
    public var sensitivity: String?
    public var body: String?
    public var isCancelled: Bool?
    public var myResponseType: String?

    public init(
        subject: String? = nil, start: String? = nil, end: String? = nil, legacyFreeBusyStatus: String? = nil,
        location: String? = nil, sensitivity: String? = nil, body: String? = nil, isCancelled: Bool? = nil,
        myResponseType: String? = nil
    ) {
        self.subject = subject
        self.start = start
        self.end = end
        self.legacyFreeBusyStatus = legacyFreeBusyStatus
        self.location = location
        self.sensitivity = sensitivity
        self.body = body
        self.isCancelled = isCancelled
        self.myResponseType = myResponseType
    }

    func apply(to record: inout CalendarItemRecord, occurrence: Int?, now: Date, zone: (String) -> TimeZone) throws {
        let tz = zone(record.startTimeZone)
        let today = LocalDate(now, in: tz)
        func instant(_ text: String?) throws -> Date? {
            guard let text else { return nil }
            guard let value = TenantTime.instant(text, today: today, zone: tz) else {
                throw EWSSideDoorError(400, "'\(text)' is not D±nTHH:MM, a local date-time or a date-time with an offset.")
            }
            return value
        }
        if let status = legacyFreeBusyStatus, !CalendarItemSchema.freeBusyStatuses.contains(status) {
            throw EWSSideDoorError(400, "legacyFreeBusyStatus must be one of \(CalendarItemSchema.freeBusyStatuses.sorted()).")
        }
        if let response = myResponseType, !CalendarItemSchema.responseTypes.contains(response) {
            throw EWSSideDoorError(400, "myResponseType must be one of \(CalendarItemSchema.responseTypes.sorted()).")
        }
        if let sensitivity, !CalendarItemSchema.sensitivities.contains(sensitivity) {
            throw EWSSideDoorError(400, "sensitivity must be one of \(CalendarItemSchema.sensitivities.sorted()).")
        }
        let newStart = try instant(start)
        let newEnd = try instant(end)
        if let index = occurrence {
            guard let recurrence = record.recurrence, let date = recurrence.date(ofOccurrence: index),
                !record.deletedOccurrences.contains(date)
            else { throw EWSSideDoorError(404, "No such occurrence.") }
            let (originalStart, originalEnd) = MailboxStore.times(of: record, on: date, zone: tz)
            var change = record.modifiedOccurrences[date] ?? .init(start: originalStart, end: originalEnd)
            change.start = newStart ?? change.start
            change.end = newEnd ?? change.end
            change.subject = subject ?? change.subject
            change.legacyFreeBusyStatus = legacyFreeBusyStatus ?? change.legacyFreeBusyStatus
            change.location = location ?? change.location
            guard change.end >= change.start else { throw EWSSideDoorError(400, "end is before start.") }
            record.modifiedOccurrences[date] = change
            return
        }
        record.start = newStart ?? record.start
        record.end = newEnd ?? record.end
        record.subject = subject ?? record.subject
        record.legacyFreeBusyStatus = legacyFreeBusyStatus ?? record.legacyFreeBusyStatus
        record.location = location ?? record.location
        record.sensitivity = sensitivity ?? record.sensitivity
        record.body = body ?? record.body
        record.isCancelled = isCancelled ?? record.isCancelled
        record.myResponseType = myResponseType ?? record.myResponseType
        do {
            try record.normalise(
                zones: ItemZones(
                    startId: record.startTimeZone, endId: record.endTimeZone, start: tz, end: zone(record.endTimeZone)))
        } catch {
            throw EWSSideDoorError(400, "\(error.code): \(error.message)")
        }
    }
}
