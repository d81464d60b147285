import CalSyncCore
import Foundation

/// Renders instances as Graph's event representation (docs/microsoft-365.md §4).
struct EventRenderer: Sendable {
    /// Zone for `start`/`end` (from `Prefer: outlook.timezone`, UTC by default) and its label.
    var zone: TimeZone
    var zoneLabel: String
    /// `html` (default) or `text`, from `Prefer: outlook.body-content-type`.
    var bodyContentType: String = "html"
    /// `$select`ed property names, or nil for the full representation.
    var select: Set<String>? = nil
    /// Extended property ids requested with `$expand=singleValueExtendedProperties($filter=…)`.
    var expandedPropertyIds: [String]? = nil
    /// Delta results carry `@odata.type` on every item.
    var includeODataType = false

    static let neverResponded = "0001-01-01T00:00:00Z"

    /// Property names `$select` accepts on events.
    static let selectable: Set<String> = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "transactionId",
        "originalStartTimeZone", "originalEndTimeZone", "iCalUId", "uid", "reminderMinutesBeforeStart", "isReminderOn",
        "hasAttachments", "subject", "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled", "isDraft",
        "isOrganizer", "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl",
        "isOnlineMeeting", "onlineMeetingProvider", "onlineMeeting", "allowNewTimeProposals", "hideAttendees",
        "occurrenceId", "recurrence", "responseStatus", "body", "start", "end", "originalStart", "location",
        "locations", "attendees", "organizer",
    ]

    func render(_ instance: EventInstance, owner: EmulatorTenant.User) -> EmulatorJSON {
        let event = instance.event
        let p = instance.properties
        var o: [String: EmulatorJSON] = [:]
        o["@odata.etag"] = .string("W/\"\(instance.changeKey)\"")
        o["id"] = .string(instance.id)
        o["createdDateTime"] = .string(GraphDateFormat.offsetDateTime(event.createdAt))
        o["lastModifiedDateTime"] = .string(GraphDateFormat.offsetDateTime(instance.modifiedAt))
        o["changeKey"] = .string(instance.changeKey)
        o["categories"] = p["categories"] ?? []
        let isItem = instance.kind == .singleInstance || instance.kind == .seriesMaster
        if isItem, let transactionId = event.transactionId { o["transactionId"] = .string(transactionId) }
        o["originalStartTimeZone"] = .string(event.start.zoneName)
        o["originalEndTimeZone"] = .string(event.end.zoneName)
        o["iCalUId"] = .string(
            instance.originalDate.map { StableHash.hex(event.iCalUId + $0.description).uppercased() }
                ?? event.iCalUId)
        o["reminderMinutesBeforeStart"] = p["reminderMinutesBeforeStart"] ?? 15
        o["isReminderOn"] = p["isReminderOn"] ?? true
        o["hasAttachments"] = false
        o["subject"] = p["subject"] ?? ""
        let body = renderBody(p["body"])
        o["body"] = body.json
        o["bodyPreview"] = .string(String(body.plain.prefix(255)))
        o["importance"] = p["importance"] ?? "normal"
        o["sensitivity"] = p["sensitivity"] ?? "normal"
        o["isAllDay"] = .bool(event.isAllDay)
        o["isCancelled"] = p["isCancelled"] ?? false
        o["isDraft"] = false
        let isOrganizer = p["isOrganizer"]?.boolValue ?? (event.createdViaGraph || p["organizer"] == nil)
        o["isOrganizer"] = .bool(isOrganizer)
        o["responseRequested"] = p["responseRequested"] ?? true
        o["seriesMasterId"] = isItem ? .null : .string(event.id)
        o["showAs"] = p["showAs"] ?? "busy"
        o["type"] = .string(instance.kind.rawValue)
        o["webLink"] = .string(
            "https://outlook.office365.com/owa/?itemid=\(RequestContext.encode(instance.id))&exvsurl=1&path=/calendar/item")
        o["onlineMeetingUrl"] = .null
        o["isOnlineMeeting"] = p["isOnlineMeeting"] ?? false
        o["onlineMeetingProvider"] = p["onlineMeetingProvider"] ?? "unknown"
        o["onlineMeeting"] = .null
        o["allowNewTimeProposals"] = p["allowNewTimeProposals"] ?? true
        o["hideAttendees"] = p["hideAttendees"] ?? false
        o["occurrenceId"] = instance.originalDate.map { .string("OID.\(event.id).\($0.description)") } ?? .null
        o["recurrence"] = instance.kind == .seriesMaster ? (event.recurrence?.json ?? .null) : .null
        o["responseStatus"] = responseStatus(p["responseStatus"], isOrganizer: isOrganizer)
        o["start"] = renderTime(instance.start, isAllDay: event.isAllDay)
        o["end"] = renderTime(instance.end, isAllDay: event.isAllDay)
        if let date = instance.originalDate {
            o["originalStart"] = .string(Timestamp.format(event.start.moved(to: date).instant))
        }
        let location = renderLocation(p["location"])
        o["location"] = location
        o["locations"] = p["locations"] ?? (location["displayName"]?.stringValue?.isEmpty == false ? [location] : [])
        o["attendees"] = .array((p["attendees"]?.arrayValue ?? []).map(renderAttendee))
        o["organizer"] =
            p["organizer"] ?? [
                "emailAddress": [
                    "name": .string(owner.displayName),
                    "address": .string(owner.mail ?? owner.userPrincipalName),
                ]
            ]
        if let select {
            // createdDateTime / lastModifiedDateTime cannot be $selected (DOC): they stay out.
            o = o.filter { $0.key == "@odata.etag" || $0.key == "id" || select.contains($0.key) }
            o["createdDateTime"] = nil
            o["lastModifiedDateTime"] = nil
        }
        if let ids = expandedPropertyIds {
            let matching = event.extendedProperties.filter { prop in
                ids.contains { ExtendedProperty.PropertyId.matches($0, prop.id) }
            }
            if !matching.isEmpty { o["singleValueExtendedProperties"] = .array(matching.map(\.json)) }
        }
        if includeODataType { o["@odata.type"] = "#microsoft.graph.event" }
        return .object(o)
    }

    /// ALL-DAY events always read as floating midnights labelled with the requested zone (reference
    /// §4, OBS); other events are converted to the requested zone.
    func renderTime(_ time: EventTime, isAllDay: Bool) -> EmulatorJSON {
        let wall = isAllDay ? LocalDateTime(date: time.wall.date, hour: 0, minute: 0) : LocalDateTime(time.instant, in: zone)
        return ["dateTime": .string(GraphDateFormat.wallDateTime(wall)), "timeZone": .string(zoneLabel)]
    }

    func responseStatus(_ stored: EmulatorJSON?, isOrganizer: Bool) -> EmulatorJSON {
        var o = stored?.objectValue ?? ["response": .string(isOrganizer ? "organizer" : "none")]
        if o["time"] == nil { o["time"] = .string(Self.neverResponded) }
        return .object(o)
    }

    func renderLocation(_ stored: EmulatorJSON?) -> EmulatorJSON {
        guard let name = stored?["displayName"]?.stringValue, !name.isEmpty, var o = stored?.objectValue else {
            return ["displayName": "", "locationType": "default", "uniqueIdType": "unknown", "address": [:], "coordinates": [:]]
        }
        if o["locationType"] == nil { o["locationType"] = "default" }
        if o["uniqueId"] == nil { o["uniqueId"] = .string(name) }
        if o["uniqueIdType"] == nil { o["uniqueIdType"] = "private" }
        return .object(o)
    }

    func renderAttendee(_ stored: EmulatorJSON) -> EmulatorJSON {
        guard var o = stored.objectValue else { return stored }
        if let type = o["type"]?.stringValue { o["type"] = .string(type.lowercased()) } else { o["type"] = "required" }
        if o["status"] == nil { o["status"] = ["response": "none", "time": .string(Self.neverResponded)] }
        return .object(o)
    }

    /// The body in the requested content type, plus its plain text for `bodyPreview`.
    func renderBody(_ stored: EmulatorJSON?) -> (json: EmulatorJSON, plain: String) {
        let content = stored?["content"]?.stringValue ?? ""
        let storedType = stored?["contentType"]?.stringValue?.lowercased() ?? "text"
        let plain = storedType == "html" ? HTMLText.plain(content) : content
        if content.isEmpty { return (["contentType": .string(bodyContentType), "content": ""], "") }
        if bodyContentType == "text" { return (["contentType": "text", "content": .string(plain)], plain) }
        let html = storedType == "html" ? content : HTMLText.wrap(content)
        return (["contentType": "html", "content": .string(html)], plain)
    }
}
