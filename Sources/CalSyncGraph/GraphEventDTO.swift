import CalSyncCore

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
    func deltaChange() throws(CalendarError) -> DeltaChange {
        if removed != nil { return .removed(id: id) }
        return .upsert(try externalEvent())
    }

    /// The event reduced to what the pull rules need. `start` and `end` are required.
    func externalEvent() throws(CalendarError) -> ExternalEvent {
        guard let start, let end else {
            throw GraphResponse.malformed("event \(id) has no start or end")
        }
        return ExternalEvent(
            id: id, start: start, end: end, isAllDay: isAllDay ?? false,
            showAs: showAs.map { ShowAs(graphValue: $0) ?? .unknown } ?? .busy,
            isCancelled: isCancelled ?? false, response: responseStatus?.response, type: type,
            seriesMasterId: seriesMasterId, categories: categories ?? [], transactionId: transactionId,
            tagValue: tagValue, labelDigest: subject.map { EventLabel.digest(subject: $0, location: location?.displayName) })
    }

    /// Our tag's value, when the extended property was expanded. The GUID part may come back in
    /// another case; the `Name` part is matched exactly (it is case-sensitive in Exchange).
    var tagValue: String? {
        guard let properties = singleValueExtendedProperties else { return nil }
        if let exact = properties.first(where: { $0.id == EventTag.propertyId }) { return exact.value }
        return properties.first { $0.id.lowercased() == EventTag.propertyId.lowercased() && $0.id.hasSuffix(Self.tagName) }?
            .value
    }

    private static let tagName = " Name " + (EventTag.propertyId.components(separatedBy: " Name ").last ?? "")
}
