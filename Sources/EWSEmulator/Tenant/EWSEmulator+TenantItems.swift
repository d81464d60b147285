import CalSyncCore
import Foundation
import MicrosoftCalendarKit

// MARK: - Items from a tenant file or the side door

extension EWSEmulator {
    struct TenantItemError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Stores a tenant-file item in its mailbox's calendar; returns the new record.
    @discardableResult
    static func addTenantItem(
        _ item: EWSTenantItem, to mailbox: EWSTenant.Mailbox, in state: inout EWSState, now: Date, zones: WindowsZones
    ) throws -> CalendarItemRecord {
        let key = mailbox.primarySmtpAddress.lowercased()
        var store = state.mailboxes[key] ?? MailboxStore()
        var record = try makeRecord(item, mailbox: mailbox, now: now, zones: zones, rng: &state.rng, sequence: store.sequence + 1)
        if let id = item.id {
            guard store.items[id] == nil else { throw TenantItemError("the id \(id) is taken") }
            record.id = id
        }
        _ = store.nextSequence()
        store.insert(record)
        state.mailboxes[key] = store
        return record
    }

    static func makeRecord(
        _ item: EWSTenantItem, mailbox: EWSTenant.Mailbox, now: Date, zones: WindowsZones, rng: inout EWSRandom, sequence: Int
    ) throws -> CalendarItemRecord {
        let zoneId = item.timeZone ?? mailbox.timeZone
        guard zoneId == "UTC" || zones.windowsToIANA[zoneId] != nil, let zone = zones.timeZone(named: zoneId) else {
            throw TenantItemError("'\(zoneId)' is not a Windows time zone id")
        }
        let today = LocalDate(now, in: zone)
        guard let start = TenantTime.instant(item.start, today: today, zone: zone) else {
            throw TenantItemError("start '\(item.start)' is not D±nTHH:MM, a local date-time or a date-time with an offset")
        }
        guard let end = TenantTime.instant(item.end, today: today, zone: zone) else {
            throw TenantItemError("end '\(item.end)' is not D±nTHH:MM, a local date-time or a date-time with an offset")
        }
        var record = CalendarItemRecord(
            id: rng.itemId(), changeKey: rng.changeKey(), uid: rng.uid(), start: start, end: end,
            organizer: .init(
                name: item.organizer?.name ?? mailbox.displayName,
                emailAddress: item.organizer?.emailAddress ?? mailbox.primarySmtpAddress),
            startTimeZone: zoneId, endTimeZone: zoneId, created: now, lastModified: now, createdSequence: sequence,
            modifiedSequence: sequence)
        record.subject = item.subject
        record.body = item.body
        record.location = item.location
        record.categories = item.categories ?? []
        record.isAllDay = item.isAllDay ?? false
        record.isCancelled = item.isCancelled ?? false
        record.isMeeting = item.isMeeting ?? (item.organizer != nil)
        if let status = item.legacyFreeBusyStatus {
            guard CalendarItemSchema.freeBusyStatuses.contains(status) else {
                throw TenantItemError(
                    "legacyFreeBusyStatus '\(status)' is not one of \(CalendarItemSchema.freeBusyStatuses.sorted())")
            }
            record.legacyFreeBusyStatus = status
        }
        if let sensitivity = item.sensitivity {
            guard CalendarItemSchema.sensitivities.contains(sensitivity) else {
                throw TenantItemError("sensitivity '\(sensitivity)' is not one of \(CalendarItemSchema.sensitivities.sorted())")
            }
            record.sensitivity = sensitivity
        }
        let defaultResponse = record.isMeeting && item.organizer != nil ? "Accept" : "Organizer"
        record.myResponseType = item.myResponseType ?? defaultResponse
        guard CalendarItemSchema.responseTypes.contains(record.myResponseType) else {
            throw TenantItemError(
                "myResponseType '\(record.myResponseType)' is not one of \(CalendarItemSchema.responseTypes.sorted())")
        }
        if record.isMeeting { record.isResponseRequested = true }
        if let recurrence = item.recurrence {
            record.recurrence = try Self.recurrence(recurrence, start: LocalDate(start, in: zone), today: today)
        }
        for text in item.deletedOccurrences ?? [] {
            guard let date = TenantTime.date(text, today: today) else {
                throw TenantItemError("deleted occurrence '\(text)' is not a date")
            }
            record.deletedOccurrences.insert(date)
        }
        for property in item.extendedProperties ?? [] {
            let (uri, value) = try Self.extendedProperty(property)
            record.setExtended(uri, value)
        }
        do {
            try record.normalise(zones: ItemZones(startId: zoneId, endId: zoneId, start: zone, end: zone))
        } catch {
            throw TenantItemError("\(error.code): \(error.message)")
        }
        return record
    }

    static func recurrence(_ item: EWSTenantItem.Recurrence, start: LocalDate, today: LocalDate) throws -> ItemRecurrence {
        let interval = item.interval ?? 1
        guard interval >= 1 else { throw TenantItemError("recurrence interval must be ≥ 1") }
        let pattern: ItemRecurrence.Pattern
        switch item.type {
        case "Daily":
            pattern = .daily(interval: interval)
        case "Weekly":
            let days = (item.daysOfWeek ?? [ItemRecurrence.dayNames[start.isoWeekday - 1]]).map {
                ItemRecurrence.dayNames.firstIndex(of: $0)
            }
            guard !days.isEmpty, days.allSatisfy({ $0 != nil }) else {
                throw TenantItemError("daysOfWeek must name days Monday…Sunday")
            }
            let first = item.firstDayOfWeek.flatMap { ItemRecurrence.dayNames.firstIndex(of: $0) } ?? 0
            pattern = .weekly(interval: interval, days: days.map { $0! + 1 }, firstDay: first + 1)
        case "AbsoluteMonthly":
            pattern = .absoluteMonthly(interval: interval, day: item.dayOfMonth ?? start.day)
        case "AbsoluteYearly":
            let month = item.month.flatMap { ItemRecurrence.monthNames.firstIndex(of: $0) }.map { $0 + 1 } ?? start.month
            pattern = .absoluteYearly(month: month, day: item.dayOfMonth ?? start.day)
        default:
            throw TenantItemError("recurrence type '\(item.type)' is not Daily, Weekly, AbsoluteMonthly or AbsoluteYearly")
        }
        var range = ItemRecurrence.Range.noEnd
        if let text = item.endDate {
            guard let end = TenantTime.date(text, today: today), end >= start else {
                throw TenantItemError("recurrence endDate '\(text)' is not a date on or after the start")
            }
            range = .endDate(end)
        } else if let count = item.numberOfOccurrences {
            guard count >= 1 else { throw TenantItemError("numberOfOccurrences must be ≥ 1") }
            range = .numbered(count)
        }
        return ItemRecurrence(pattern: pattern, start: start, range: range)
    }

    static func extendedProperty(_ property: EWSTenantItem.ExtendedProperty) throws -> (ExtendedFieldURI, ExtendedPropertyValue) {
        var attributes: [String: String] = ["PropertyType": property.propertyType]
        attributes["PropertySetId"] = property.propertySetId
        attributes["DistinguishedPropertySetId"] = property.distinguishedPropertySetId
        attributes["PropertyName"] = property.propertyName
        attributes["PropertyId"] = property.propertyId.map(String.init)
        let node = XMLNode(
            namespace: EWSNamespace.types, name: "ExtendedFieldURI", attributes: attributes, children: [], text: "", line: 0,
            column: 0)
        let uri: ExtendedFieldURI
        do {
            uri = try ExtendedFieldURI(node)
        } catch {
            throw TenantItemError("extended property: \(error.message)")
        }
        let raw = property.values ?? property.value.map { [$0] } ?? []
        let checked = raw.compactMap { ExtendedPropertyValue.canonical($0, type: uri.propertyType) }
        guard checked.count == raw.count, !raw.isEmpty, uri.isArray || raw.count == 1 else {
            throw TenantItemError("extended property value does not fit its type \(uri.propertyType)")
        }
        return (uri, ExtendedPropertyValue(values: checked))
    }
}
