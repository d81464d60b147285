import CalSyncCore
import Foundation

/// Writes a `t:CalendarItem` in schema order (the ItemType properties, the extended properties among them, then the
/// CalendarItemType ones), with the properties the shape asks for and the emulator keeps. A property that is not
/// set is left out, as Exchange leaves it out.
struct CalendarItemWriter {
    let options: ItemRenderOptions
    let zoneNames: [String: String]
    let zone: (String) -> TimeZone

    func write(_ instance: CalendarInstance, to xml: inout XMLWriter) {
        let record = instance.record
        let shape = options.shape
        let forGet = options.purpose == .get
        func wants(_ uri: String, _ inDefault: Bool = true) -> Bool { shape.wants(uri, inDefault: inDefault) }
        func time(_ instant: Date) -> String {
            let text = EWSDateTime.format(instant)
            return options.milliseconds ? String(text.dropLast()) + ".000Z" : text
        }
        let owner = options.folder.mailbox
        xml.element("t:CalendarItem") { xml in
            xml.empty("t:ItemId", [("Id", instance.id), ("ChangeKey", instance.changeKey)])
            if wants("item:ParentFolderId") { options.folder.writeId(as: "t:ParentFolderId", to: &xml) }
            if wants("item:ItemClass") { xml.element("t:ItemClass", "IPM.Appointment") }
            if wants("item:Subject"), let subject = instance.subject { xml.element("t:Subject", subject) }
            if wants("item:Sensitivity") { xml.element("t:Sensitivity", record.sensitivity) }
            if forGet, wants("item:Body", false) {
                xml.element("t:Body", record.body ?? "", [("BodyType", record.bodyType)])
            }
            if wants("item:DateTimeReceived") { xml.element("t:DateTimeReceived", time(record.created)) }
            if wants("item:Size") {
                let size = 1024 + (record.subject?.utf8.count ?? 0) + (record.body?.utf8.count ?? 0)
                xml.element("t:Size", String(size))
            }
            if wants("item:Categories", false), !record.categories.isEmpty {
                xml.element("t:Categories") { xml in for category in record.categories { xml.element("t:String", category) } }
            }
            if wants("item:Importance") { xml.element("t:Importance", record.importance) }
            for name in ["IsSubmitted", "IsDraft", "IsFromMe", "IsResend", "IsUnmodified"] where wants("item:" + name) {
                xml.flag(name, name == "IsFromMe" ? !record.isMeeting || record.myResponseType == "Organizer" : false)
            }
            if wants("item:DateTimeSent") { xml.element("t:DateTimeSent", time(record.created)) }
            if wants("item:DateTimeCreated") { xml.element("t:DateTimeCreated", time(record.created)) }
            if wants("item:ReminderDueBy"), record.reminderIsSet {
                xml.element(
                    "t:ReminderDueBy", time(instance.start.addingTimeInterval(Double(-60 * record.reminderMinutesBeforeStart))))
            }
            if wants("item:ReminderIsSet") { xml.flag("ReminderIsSet", record.reminderIsSet) }
            if wants("item:ReminderMinutesBeforeStart") {
                xml.element("t:ReminderMinutesBeforeStart", String(record.reminderMinutesBeforeStart))
            }
            if wants("item:DisplayCc") { xml.empty("t:DisplayCc") }
            if wants("item:DisplayTo") { xml.empty("t:DisplayTo") }
            if wants("item:HasAttachments") { xml.flag("HasAttachments", false) }
            if options.includesExtendedProperties {
                for uri in shape.extended {
                    record.extendedValue(uri)?.write(uri: uri, to: &xml)
                }
            }
            if wants("item:Culture") { xml.element("t:Culture", "en-US") }
            if wants("item:EffectiveRights", false) {
                xml.element("t:EffectiveRights") { xml in
                    for right in ["CreateAssociated", "CreateContents", "CreateHierarchy"] { xml.flag(right, false) }
                    for right in ["Delete", "Modify", "Read", "ViewPrivateItems"] { xml.flag(right, true) }
                }
            }
            if wants("item:LastModifiedName", false) { xml.element("t:LastModifiedName", owner.displayName) }
            if wants("item:LastModifiedTime", false) { xml.element("t:LastModifiedTime", time(record.lastModified)) }
            if wants("item:IsAssociated", false) { xml.flag("IsAssociated", false) }
            if forGet, options.version >= .exchange2013, wants("item:TextBody", false), let body = record.body {
                xml.element("t:TextBody", body, [("BodyType", "Text")])
            }
            writeCalendarFields(instance, to: &xml, time: time)
        }
    }

    private func writeCalendarFields(_ instance: CalendarInstance, to xml: inout XMLWriter, time: (Date) -> String) {
        let record = instance.record
        let shape = options.shape
        let forGet = options.purpose == .get
        func wants(_ uri: String, _ inDefault: Bool = true) -> Bool { shape.wants(uri, inDefault: inDefault) }
        if wants("calendar:UID", false) { xml.element("t:UID", record.uid) }
        if wants("calendar:Start") { xml.element("t:Start", time(instance.start)) }
        if wants("calendar:End") { xml.element("t:End", time(instance.end)) }
        if wants("calendar:OriginalStart", false), let original = instance.originalStart {
            xml.element("t:OriginalStart", time(original))
        }
        if wants("calendar:IsAllDayEvent") { xml.flag("IsAllDayEvent", record.isAllDay) }
        if wants("calendar:LegacyFreeBusyStatus") {
            let status = instance.legacyFreeBusyStatus
            let shown = status == "WorkingElsewhere" && options.version < .exchange2013 ? options.workingElsewhere : status
            xml.element("t:LegacyFreeBusyStatus", shown)
        }
        if wants("calendar:Location"), let location = instance.location { xml.element("t:Location", location) }
        if wants("calendar:IsMeeting") { xml.flag("IsMeeting", record.isMeeting) }
        if wants("calendar:IsCancelled") { xml.flag("IsCancelled", record.isCancelled) }
        if wants("calendar:IsRecurring") { xml.flag("IsRecurring", instance.isRecurring) }
        if wants("calendar:MeetingRequestWasSent") { xml.flag("MeetingRequestWasSent", false) }
        if wants("calendar:IsResponseRequested"), let requested = record.isResponseRequested {
            xml.flag("IsResponseRequested", requested)
        }
        if wants("calendar:CalendarItemType") { xml.element("t:CalendarItemType", instance.itemType) }
        if wants("calendar:MyResponseType") { xml.element("t:MyResponseType", record.myResponseType) }
        if wants("calendar:Organizer") {
            xml.element("t:Organizer") { xml in
                xml.element("t:Mailbox") { xml in
                    xml.element("t:Name", record.organizer.name)
                    if options.purpose != .find {
                        xml.element("t:EmailAddress", record.organizer.emailAddress)
                        xml.element("t:RoutingType", "SMTP")
                        xml.element("t:MailboxType", "Mailbox")
                    }
                }
            }
        }
        if wants("calendar:Duration") { xml.element("t:Duration", Self.duration(instance.end.timeIntervalSince(instance.start))) }
        if wants("calendar:TimeZone") { xml.element("t:TimeZone", zoneNames[record.startTimeZone] ?? record.startTimeZone) }
        if wants("calendar:AppointmentSequenceNumber") { xml.element("t:AppointmentSequenceNumber", "0") }
        if wants("calendar:AppointmentState") { xml.element("t:AppointmentState", String(record.appointmentState)) }
        if forGet, instance.kind == .master, let recurrence = record.recurrence {
            writeRecurrence(record, recurrence, to: &xml, time: time)
        }
        if options.version >= .exchange2010 {
            for (uri, id) in [("calendar:StartTimeZone", record.startTimeZone), ("calendar:EndTimeZone", record.endTimeZone)]
            where wants(uri, false) {
                let element = uri == "calendar:StartTimeZone" ? "t:StartTimeZone" : "t:EndTimeZone"
                xml.empty(element, [("Id", id), ("Name", zoneNames[id] ?? id)])
            }
        }
        if wants("calendar:ConferenceType", false) { xml.element("t:ConferenceType", "0") }
        if wants("calendar:AllowNewTimeProposal", false) { xml.flag("AllowNewTimeProposal", true) }
        if wants("calendar:IsOnlineMeeting", false) { xml.flag("IsOnlineMeeting", false) }
    }

    private func writeRecurrence(
        _ record: CalendarItemRecord, _ recurrence: ItemRecurrence, to xml: inout XMLWriter, time: (Date) -> String
    ) {
        let shape = options.shape
        let tz = zone(record.startTimeZone)
        func occurrence(_ element: String, index: Int, date: LocalDate, to xml: inout XMLWriter) {
            let (start, end) = MailboxStore.times(of: record, on: date, zone: tz)
            let change = record.modifiedOccurrences[date]
            xml.element(element) { xml in
                xml.empty(
                    "t:ItemId", [("Id", OccurrenceId.make(masterId: record.id, index: index)), ("ChangeKey", record.changeKey)])
                xml.element("t:Start", time(change?.start ?? start))
                xml.element("t:End", time(change?.end ?? end))
                xml.element("t:OriginalStart", time(start))
            }
        }
        if shape.wants("calendar:Recurrence", inDefault: false) { recurrence.write(to: &xml) }
        if shape.wants("calendar:FirstOccurrence", inDefault: false), let first = recurrence.firstDate {
            occurrence("t:FirstOccurrence", index: 1, date: first, to: &xml)
        }
        if shape.wants("calendar:LastOccurrence", inDefault: false), let last = recurrence.lastDate,
            let index = recurrence.index(ofOccurrenceOn: last)
        {
            occurrence("t:LastOccurrence", index: index, date: last, to: &xml)
        }
        if shape.wants("calendar:ModifiedOccurrences", inDefault: false), !record.modifiedOccurrences.isEmpty {
            xml.element("t:ModifiedOccurrences") { xml in
                for date in record.modifiedOccurrences.keys.sorted() {
                    guard let index = recurrence.index(ofOccurrenceOn: date) else { continue }
                    occurrence("t:Occurrence", index: index, date: date, to: &xml)
                }
            }
        }
        if shape.wants("calendar:DeletedOccurrences", inDefault: false), !record.deletedOccurrences.isEmpty {
            xml.element("t:DeletedOccurrences") { xml in
                for date in record.deletedOccurrences.sorted() {
                    xml.element("t:DeletedOccurrence") { xml in
                        xml.element("t:Start", time(MailboxStore.times(of: record, on: date, zone: tz).0))
                    }
                }
            }
        }
    }

    /// xs:duration: `PT1H30M`, `P1D`, `PT0S`.
    static func duration(_ seconds: TimeInterval) -> String {
        var rest = max(0, Int(seconds.rounded()))
        let days = rest / 86_400
        rest %= 86_400
        var time = ""
        if rest / 3600 > 0 { time += "\(rest / 3600)H" }
        if rest % 3600 / 60 > 0 { time += "\(rest % 3600 / 60)M" }
        if rest % 60 > 0 { time += "\(rest % 60)S" }
        if days > 0 { return "P\(days)D" + (time.isEmpty ? "" : "T" + time) }
        return "PT" + (time.isEmpty ? "0S" : time)
    }
}
