import Foundation

/// An event item as stored, with what Graph never shows on writes (extended properties, the
/// transactionId, cancelled occurrences) — for test assertions through the side door.
public struct EmulatorEventSnapshot: Sendable, Hashable {
    public let id: String
    public let subject: String?
    /// Wall clock and zone exactly as stored (the zone the event was created in).
    public let startDateTime: String
    public let startTimeZone: String
    public let endDateTime: String
    public let endTimeZone: String
    /// The instants the stored wall clocks denote (all-day: midnight to midnight in the event's zone).
    public let start: Date
    public let end: Date
    public let isAllDay: Bool
    public let showAs: String
    public let categories: [String]
    public let transactionId: String?
    /// Extended property id → value.
    public let extendedProperties: [String: String]
    public let isSeriesMaster: Bool
    /// Original dates (`YYYY-MM-DD`) of deleted occurrences.
    public let cancelledOccurrences: [String]
    /// True when created through `POST /events`, false for tenant-file and side-door events.
    public let createdViaGraph: Bool
    public let changeKey: String
    public let attendeeCount: Int
    /// The side door's JSON for this item (the event representation plus the fields above).
    public let json: EmulatorJSON

    /// An extended property's value, matching ids as Graph does (Name part case-sensitive).
    public func extendedProperty(_ id: String) -> String? {
        extendedProperties.first { ExtendedProperty.PropertyId.matches($0.key, id) }?.value
    }

    init(_ event: StoredEvent, json: EmulatorJSON) {
        id = event.id
        subject = event.properties["subject"]?.stringValue
        startDateTime = GraphDateFormat.wallDateTime(event.start.wall)
        startTimeZone = event.start.zoneName
        endDateTime = GraphDateFormat.wallDateTime(event.end.wall)
        endTimeZone = event.end.zoneName
        start = event.start.instant
        end = event.end.instant
        isAllDay = event.isAllDay
        showAs = event.properties["showAs"]?.stringValue ?? "busy"
        categories = event.properties["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        transactionId = event.transactionId
        extendedProperties = Dictionary(event.extendedProperties.map { ($0.id, $0.value) }, uniquingKeysWith: { _, b in b })
        isSeriesMaster = event.isSeriesMaster
        cancelledOccurrences = event.cancelledDates.map(\.description).sorted()
        createdViaGraph = event.createdViaGraph
        changeKey = event.changeKey
        attendeeCount = event.properties["attendees"]?.arrayValue?.count ?? 0
        self.json = json
    }
}
