import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// The JSON body CalSync sends to create (`POST`) or overwrite (`PATCH`) one of its events
/// (docs/microsoft-365.md §5). Never any `attendees`: attendees would send invitations.
struct GraphEventPayload: Encodable, Sendable {
    struct Body: Encodable, Sendable {
        var contentType = "text"
        var content: String
    }

    struct Location: Encodable, Sendable {
        var displayName: String
    }

    struct ExtendedProperty: Encodable, Sendable {
        var id: String
        var value: String
    }

    var subject: String
    var body: Body
    var location: Location?
    var start: GraphDateTime
    var end: GraphDateTime
    var isAllDay: Bool
    var showAs: String
    var isReminderOn: Bool
    var categories: [String]
    /// Only on create: the idempotency key, immutable afterwards.
    var transactionId: String?
    var singleValueExtendedProperties: [ExtendedProperty]

    /// Zones are sent as Windows names when the CLDR table knows the IANA name: Windows names are
    /// accepted by every mailbox, while only a subset of IANA names is (docs/microsoft-365.md §4).
    init(_ event: OutgoingEvent, transactionId: String?, zones: WindowsZones) {
        subject = event.subject
        body = Body(content: event.bodyText)
        // A PATCH names an empty place rather than leaving one out: putting an event back must also clear a
        // location someone added in Outlook.
        let place = event.location ?? ""
        location = place.isEmpty && transactionId != nil ? nil : Location(displayName: place)
        let zone = zones.windowsName(for: event.zone)
        let wall = event.wallClock
        start = GraphDateTime(dateTime: wall.start.description, timeZone: zone)
        end = GraphDateTime(dateTime: wall.end.description, timeZone: zone)
        isAllDay = event.isAllDay
        showAs = event.showAs.rawValue
        isReminderOn = event.isReminderOn
        categories = event.categories
        self.transactionId = transactionId
        singleValueExtendedProperties = [ExtendedProperty(id: CalSyncNamedProperty.graphId, value: event.tag)]
    }

    /// On create, `location` is omitted (not `null`) when unset; `transactionId` is omitted on PATCH.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(body, forKey: .body)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(isAllDay, forKey: .isAllDay)
        try container.encode(showAs, forKey: .showAs)
        try container.encode(isReminderOn, forKey: .isReminderOn)
        try container.encode(categories, forKey: .categories)
        try container.encodeIfPresent(transactionId, forKey: .transactionId)
        try container.encode(singleValueExtendedProperties, forKey: .singleValueExtendedProperties)
    }

    enum CodingKeys: String, CodingKey {
        case subject, body, location, start, end, isAllDay, showAs, isReminderOn, categories, transactionId
        case singleValueExtendedProperties
    }

    /// Deterministic bytes (sorted keys), so a retried create sends an identical body.
    func jsonData() throws(CalendarError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw CalendarError(.invalidRequest, message: "the event could not be encoded as JSON: \(error)")
        }
    }
}
