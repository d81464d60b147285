import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// The parts of a Graph `event` (or a delta item) CalSync reads. Unknown fields are ignored;
/// Body and attendees are deliberately not even decoded, and the subject and location are decoded only to
/// be hashed into `ExternalEvent.labelDigest`: their text is never kept (privacy rule).
struct GraphEventDTO: Decodable, Sendable {
    struct ResponseStatus: Decodable, Sendable {
        var response: String?
    }

    struct ExtendedProperty: Decodable, Sendable {
        var id: String
        var value: String?
    }

    struct Location: Decodable, Sendable {
        var displayName: String?
    }

    struct Removed: Decodable, Sendable {
        var reason: String?
    }

    var id: String
    var removed: Removed?
    var start: GraphDateTime?
    var end: GraphDateTime?
    var isAllDay: Bool?
    var showAs: String?
    var isCancelled: Bool?
    var responseStatus: ResponseStatus?
    var type: String?
    var seriesMasterId: String?
    var categories: [String]?
    var transactionId: String?
    var singleValueExtendedProperties: [ExtendedProperty]?
    var subject: String?
    var location: Location?

    enum CodingKeys: String, CodingKey {
        case id, start, end, isAllDay, showAs, isCancelled, responseStatus, type, seriesMasterId, categories
        case transactionId, singleValueExtendedProperties, subject, location
        case removed = "@removed"
    }

    /// The delta change this item stands for (docs/microsoft-365.md §3b: `@removed` items carry only `id`).
    func deltaChange(zones: WindowsZones) throws(CalendarError) -> CalendarChange {
        if removed != nil { return .removed(id: id) }
        return .upsert(try externalEvent(zones: zones))
    }

    /// The event reduced to what the pull rules need. `start` and `end` are required; a time that cannot be read
    /// (a zone CLDR does not know, a malformed date) leaves `time` nil.
    func externalEvent(zones: WindowsZones) throws(CalendarError) -> ExternalEvent {
        guard let start, let end else {
            throw GraphResponse.malformed("event \(id) has no start or end")
        }
        return ExternalEvent(
            id: id, time: Self.time(start: start, end: end, isAllDay: isAllDay ?? false, zones: zones),
            showAs: showAs.map { ShowAs(lenient: $0) ?? .unknown } ?? .busy,
            isCancelled: isCancelled ?? false, declinedByOwner: responseStatus?.response?.lowercased() == "declined",
            isSeriesMaster: type == "seriesMaster", categories: categories ?? [], idempotencyKey: transactionId,
            tagValue: tagValue, labelDigest: subject.map { EventLabel.digest(subject: $0, location: location?.displayName) })
    }

    /// Graph's wall clocks and zone names as instants (zones converted here, once). All-day events are floating
    /// dates: Graph renders them midnight to midnight whatever `Prefer: outlook.timezone` says (docs/microsoft-365.md
    /// §4), so only their dates count.
    static func time(start: GraphDateTime, end: GraphDateTime, isAllDay: Bool, zones: WindowsZones) -> EventTime? {
        guard let startWall = LocalDateTime(start.dateTime), let endWall = LocalDateTime(end.dateTime) else { return nil }
        if isAllDay { return .allDay(first: startWall.date, end: endWall.date) }
        guard let startName = zones.ianaName(for: start.timeZone), let startZone = TimeZone(identifier: startName),
            let endZone = zones.timeZone(named: end.timeZone)
        else { return nil }
        // The IANA name, not `TimeZone.identifier` (which spells UTC "GMT").
        return .timed(
            TimeRange(start: startWall.instant(in: startZone), end: endWall.instant(in: endZone)), zone: startName)
    }

    /// Our tag's value, when the extended property was expanded. The GUID part may come back in
    /// another case; the `Name` part is matched exactly (it is case-sensitive in Exchange).
    var tagValue: String? {
        guard let properties = singleValueExtendedProperties else { return nil }
        if let exact = properties.first(where: { $0.id == CalSyncNamedProperty.graphId }) { return exact.value }
        return properties.first {
            $0.id.lowercased() == CalSyncNamedProperty.graphId.lowercased() && $0.id.hasSuffix(Self.tagName)
        }?
        .value
    }

    private static let tagName = " Name " + (CalSyncNamedProperty.graphId.components(separatedBy: " Name ").last ?? "")
}
