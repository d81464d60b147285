import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// Reads and validates event request bodies (POST and PATCH, docs/microsoft-365.md §5).
struct EventPayload: Sendable {
    /// Properties a client may set through Graph.
    static let writable: Set<String> = [
        "subject", "body", "start", "end", "isAllDay", "showAs", "categories", "location", "locations", "attendees",
        "importance", "sensitivity", "isReminderOn", "reminderMinutesBeforeStart", "responseRequested",
        "allowNewTimeProposals", "hideAttendees", "isOnlineMeeting", "onlineMeetingProvider", "recurrence",
        "singleValueExtendedProperties", "transactionId",
    ]
    /// Properties Graph computes; sending them is accepted and ignored.
    static let readOnly: Set<String> = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "iCalUId", "uid", "type", "seriesMasterId",
        "webLink", "bodyPreview", "originalStartTimeZone", "originalEndTimeZone", "hasAttachments", "isCancelled",
        "isOrganizer", "responseStatus", "organizer", "isDraft", "occurrenceId", "originalStart", "onlineMeeting",
        "onlineMeetingUrl", "cancelledOccurrences", "exceptionOccurrences",
    ]
    /// Read-only through Graph, but an instructor's own client (tenant file, side door) sets them.
    static let organizerSet: Set<String> = ["isCancelled", "responseStatus", "organizer", "isOrganizer"]
    /// Properties kept outside `StoredEvent.properties`.
    static let structural: Set<String> = [
        "start", "end", "isAllDay", "recurrence", "singleValueExtendedProperties", "transactionId",
    ]

    var properties: [String: EmulatorJSON] = [:]
    var start: EventTime?
    var end: EventTime?
    var isAllDay: Bool?
    /// `.some(nil)` when the body sets `"recurrence": null`.
    var recurrence: EventRecurrence??
    var extendedProperties: [ExtendedProperty] = []
    var transactionId: String?
    /// The `id` an instructor-side event asks for (tenant file / side door only).
    var requestedId: String?

    /// Parses a body. `organizerSide` admits the properties only the mailbox owner's client sets.
    init(_ body: EmulatorJSON, zones: WindowsZones, organizerSide: Bool) throws(GraphError) {
        guard let object = body.objectValue else { throw GraphError.unreadableBody }
        for (key, value) in object where !key.hasPrefix("@") {
            if Self.writable.contains(key) {
                try read(key, value, zones: zones)
            } else if organizerSide, Self.organizerSet.contains(key) {
                properties[key] = value
            } else if organizerSide, key == "id", let id = value.stringValue {
                requestedId = id
            } else if !Self.readOnly.contains(key) {
                throw GraphError(
                    status: 400, code: "RequestBodyRead",
                    message:
                        "The property '\(key)' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type."
                )
            }
        }
        if let recurrence = object["recurrence"], !recurrence.isNull {
            let zone = start?.zoneName ?? "UTC"
            self.recurrence = .some(try EventRecurrence.parse(recurrence, defaultTimeZone: zone))
        }
    }

    private mutating func read(_ key: String, _ value: EmulatorJSON, zones: WindowsZones) throws(GraphError) {
        func typeError(_ type: String) -> GraphError {
            GraphError(
                status: 400, code: "RequestBodyRead",
                message: "Cannot convert the literal '\(value.serialized)' to the expected type '\(type)' for property '\(key)'.")
        }
        switch key {
        case "start": start = try EventTime.parse(value, field: "start", zones: zones)
        case "end": end = try EventTime.parse(value, field: "end", zones: zones)
        case "isAllDay":
            guard let b = value.boolValue else { throw typeError("Edm.Boolean") }
            isAllDay = b
        case "recurrence":
            if value.isNull { recurrence = .some(nil) }
        case "singleValueExtendedProperties":
            extendedProperties = try ExtendedProperty.parseList(value)
        case "transactionId":
            guard let s = value.stringValue else { throw typeError("Edm.String") }
            transactionId = s
        case "showAs":
            guard let s = value.stringValue, let showAs = ShowAs(lenient: s) else {
                throw typeError("microsoft.graph.freeBusyStatus")
            }
            properties[key] = .string(showAs.rawValue)
        case "subject":
            guard value.stringValue != nil || value.isNull else { throw typeError("Edm.String") }
            properties[key] = value
        case "categories":
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw typeError("Collection(Edm.String)")
            }
            properties[key] = value
        case "isReminderOn", "responseRequested", "allowNewTimeProposals", "hideAttendees", "isOnlineMeeting":
            guard value.boolValue != nil else { throw typeError("Edm.Boolean") }
            properties[key] = value
        case "reminderMinutesBeforeStart":
            guard value.intValue != nil else { throw typeError("Edm.Int32") }
            properties[key] = value
        case "body":
            guard value.objectValue != nil else { throw typeError("microsoft.graph.itemBody") }
            properties[key] = value
        default:
            properties[key] = value
        }
    }

    /// Checks the start/end/all-day rules on the values an item ends up with (docs/microsoft-365.md §4–§5).
    static func validateTimes(start: EventTime, end: EventTime, isAllDay: Bool) throws(GraphError) {
        if isAllDay {
            // DOC: both midnight, in the same time zone; a non-midnight all-day event is rejected.
            guard start.wall.isMidnight, end.wall.isMidnight, start.zoneName == end.zoneName,
                start.wall.date < end.wall.date
            else {
                throw GraphError.propertyValidation(
                    "When isAllDay is true, start and end must be set to midnight, in the same time zone, at least one day apart."
                )
            }
        }
        guard end.instant >= start.instant else {
            throw GraphError.invalidRequest("The end time of the event must not be earlier than its start time.")
        }
    }
}
