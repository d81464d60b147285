import Foundation

/// A training session from the scheduler, with the instructors assigned to it.
public struct TrainingEvent: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case scheduled, cancelled }

    public var id: String
    public var title: String
    public var start: Date
    public var end: Date
    /// IANA zone the session is planned in (used for the pushed event's zone).
    public var timeZone: String
    public var location: String?
    public var description: String?
    public var status: Status
    public var instructorIds: [String]

    public init(
        id: String, title: String, start: Date, end: Date, timeZone: String = "UTC", location: String? = nil,
        description: String? = nil, status: Status = .scheduled, instructorIds: [String] = []
    ) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.location = location
        self.description = description
        self.status = status
        self.instructorIds = instructorIds
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }
}
