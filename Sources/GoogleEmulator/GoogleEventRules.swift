import CalSyncHTTP
import Foundation

/// What Google checks in an event body (docs/google.md, "Writing events"; calendar v3 discovery `Event`), and the
/// normalisation it applies (extended-property limits). Error wording that Google does not document is the
/// emulator's own; the status and `reason` follow the errors page.
struct GoogleEventRules: Sendable {
    let author: GoogleEventAuthor

    /// Fields only the server sets; dropped from request bodies.
    static let serverFields: Set<String> = [
        "kind", "etag", "htmlLink", "created", "updated", "iCalUID", "creator", "recurringEventId", "originalStartTime",
        "sequence", "hangoutLink", "privateCopy", "locked",
    ]
    static let eventTypes: Set<String> = ["default", "outOfOffice", "focusTime", "workingLocation", "fromGmail", "birthday"]
    static let responseStatuses: Set<String> = ["needsAction", "declined", "tentative", "accepted"]
    /// DOC: longer keys are dropped, longer values cut, silently.
    static let maximumPropertyKeyLength = 44
    static let maximumPropertyValueLength = 1024

    /// Checks a whole event (an insert, or an event with a patch applied) and returns its normalised fields, times
    /// and recurrence.
    func validate(_ input: [String: JSONValue]) throws(GoogleError)
        -> (fields: [String: JSONValue], start: GoogleEventTime, end: GoogleEventTime, recurrence: GoogleRecurrence?)
    {
        var fields = input.filter { !$0.value.isNull && !Self.serverFields.contains($0.key) }
        if author.isAPI { fields["organizer"] = nil }
        fields["id"] = nil
        let start = try GoogleEventTime.parse(fields["start"], field: "start")
        let end = try GoogleEventTime.parse(fields["end"], field: "end")
        switch (start, end) {
        case (.date(let first), .date(let last)):
            guard first < last else { throw GoogleError.timeRangeEmpty(location: "end") }
        case (.dateTime(let first, _), .dateTime(let last, _)):
            guard first <= last else { throw GoogleError.timeRangeEmpty(location: "end") }
        default:
            throw GoogleError.invalid("Start and end times must either both be date or both be dateTime.")
        }
        for name in ["summary", "description", "location", "colorId"]
        where fields[name] != nil && fields[name]?.stringValue == nil {
            throw GoogleError.invalid("Invalid value for: \(name)")
        }
        try checkEnum(fields, "status", author.isAPI ? ["confirmed", "tentative"] : ["confirmed", "tentative", "cancelled"])
        try checkEnum(fields, "transparency", ["opaque", "transparent"])
        try checkEnum(fields, "visibility", ["default", "public", "private", "confidential"])
        try checkEnum(fields, "eventType", Self.eventTypes)
        try checkEventType(fields, start: start, end: end)
        try checkAttendees(fields)
        try checkReminders(fields)
        if let properties = fields["extendedProperties"] { fields["extendedProperties"] = try Self.normalised(properties) }
        var recurrence: GoogleRecurrence?
        if let lines = fields["recurrence"] {
            guard let array = lines.arrayValue, !array.isEmpty, array.allSatisfy({ $0.stringValue != nil }) else {
                throw GoogleError.invalid("Invalid recurrence rule.")
            }
            recurrence = try GoogleRecurrence.parse(array.compactMap(\.stringValue))
            if case .dateTime(_, nil) = start {
                // DOC: a recurring event needs the start's time zone to expand.
                throw GoogleError.required("Missing time zone definition for start time.", location: "start")
            }
        }
        return (fields, start, end, recurrence)
    }

    /// An event id the client chose (DOC: base32hex, lower-case `a`–`v` and `0`–`9`, 5 to 1024 characters).
    static func checkClientId(_ id: String) throws(GoogleError) {
        let valid =
            (5...1024).contains(id.utf8.count)
            && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x76).contains($0) }
        guard valid else { throw GoogleError.invalid("Invalid resource id value.") }
    }

    private func checkEnum(_ fields: [String: JSONValue], _ name: String, _ allowed: Set<String>) throws(GoogleError) {
        guard let value = fields[name] else { return }
        guard let text = value.stringValue, allowed.contains(text) else {
            throw GoogleError.invalid("Invalid value for: \(name)")
        }
    }

    /// DOC (calendar-status guide): focus time and out of office are opaque and timed; working location is
    /// transparent, public, timed or one whole day, and cannot be written in a batch; `fromGmail` (and, through the
    /// API, `birthday`) cannot be created.
    private func checkEventType(_ fields: [String: JSONValue], start: GoogleEventTime, end: GoogleEventTime) throws(GoogleError) {
        let type = fields["eventType"]?.stringValue ?? "default"
        switch type {
        case "outOfOffice", "focusTime":
            guard !start.isAllDay else { throw GoogleError.invalid("An event of type \(type) cannot be an all-day event.") }
            guard (fields["transparency"]?.stringValue ?? "opaque") == "opaque" else {
                throw GoogleError.invalid("An event of type \(type) must be opaque.")
            }
        case "workingLocation":
            guard fields["transparency"]?.stringValue == "transparent", fields["visibility"]?.stringValue == "public" else {
                throw GoogleError.invalid("A working location event must be transparent and public.")
            }
            if case .date(let first) = start, case .date(let last) = end, first.days(to: last) != 1 {
                throw GoogleError.invalid("An all-day working location event must last exactly one day.")
            }
            if case .api(inBatch: true, _) = author {
                throw GoogleError.invalid("Working location events cannot be created or updated in a batch request.")
            }
        case "fromGmail", "birthday":
            if author.isAPI { throw GoogleError.invalid("Events of type \(type) cannot be created through the API.") }
        default:
            break
        }
    }

    private func checkAttendees(_ fields: [String: JSONValue]) throws(GoogleError) {
        guard let value = fields["attendees"] else { return }
        guard let attendees = value.arrayValue else { throw GoogleError.invalid("Invalid value for: attendees") }
        if !attendees.isEmpty, case .api(_, serviceAccountItself: true) = author { throw GoogleError.forbiddenForServiceAccounts }
        for attendee in attendees {
            guard let email = attendee["email"]?.stringValue, !email.isEmpty else {
                throw GoogleError.required("Missing attendee email.", location: "attendees")
            }
            if let status = attendee["responseStatus"], !(status.stringValue.map(Self.responseStatuses.contains) ?? false) {
                throw GoogleError.invalid("Invalid value for: attendees.responseStatus")
            }
        }
    }

    /// DOC: at most 5 overrides, each `email` or `popup`, 0 to 40320 minutes.
    private func checkReminders(_ fields: [String: JSONValue]) throws(GoogleError) {
        guard let reminders = fields["reminders"] else { return }
        guard let object = reminders.objectValue else { throw GoogleError.invalid("Invalid value for: reminders") }
        if let flag = object["useDefault"], flag.boolValue == nil {
            throw GoogleError.invalid("Invalid value for: reminders.useDefault")
        }
        guard let overrides = object["overrides"] else { return }
        guard let list = overrides.arrayValue, list.count <= 5 else { throw GoogleError.invalid("Too many reminders.") }
        for item in list {
            guard ["email", "popup"].contains(item["method"]?.stringValue ?? ""), let minutes = item["minutes"]?.intValue,
                (0...40_320).contains(minutes)
            else { throw GoogleError.invalid("Invalid value for: reminders.overrides") }
        }
    }

    /// `extendedProperties` with keys over 44 characters dropped and values cut to 1024 (DOC: silently).
    static func normalised(_ value: JSONValue) throws(GoogleError) -> JSONValue {
        guard let object = value.objectValue else { throw GoogleError.invalid("Invalid value for: extendedProperties") }
        var result: [String: JSONValue] = [:]
        for (scope, properties) in object {
            guard scope == "private" || scope == "shared", let map = properties.objectValue else {
                throw GoogleError.invalid("Invalid value for: extendedProperties")
            }
            var kept: [String: JSONValue] = [:]
            for (key, value) in map where key.count <= maximumPropertyKeyLength {
                guard let text = value.stringValue else {
                    throw GoogleError.invalid("Invalid value for: extendedProperties.\(scope)")
                }
                kept[key] = .string(String(text.prefix(maximumPropertyValueLength)))
            }
            result[scope] = .object(kept)
        }
        return .object(result)
    }
}
