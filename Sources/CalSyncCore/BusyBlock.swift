import Foundation

/// A span during which a person is busy because of an event in their own calendar.
/// Stores times, reason and ids only (privacy rule).
public struct BusyBlock: Sendable, Hashable, Codable {
    public var integrationId: String
    public var instructorId: String
    /// The external event id (immutable id).
    public var externalId: String
    public var start: Date
    public var end: Date
    public var showAs: ShowAs
    public var isAllDay: Bool

    public init(
        integrationId: String, instructorId: String, externalId: String, start: Date, end: Date,
        showAs: ShowAs, isAllDay: Bool
    ) {
        self.integrationId = integrationId
        self.instructorId = instructorId
        self.externalId = externalId
        self.start = start
        self.end = end
        self.showAs = showAs
        self.isAllDay = isAllDay
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }
}
