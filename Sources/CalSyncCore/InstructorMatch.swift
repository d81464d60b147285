import Foundation

/// The outcome of matching one instructor to the directory of one integration.
public struct InstructorMatch: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case matched, unmatched, ambiguous, pending }

    public var instructorId: String
    public var integrationId: String
    public var status: Status
    /// The matched person's calendar (the provider's id of it).
    public var calendarId: CalendarID?
    /// The address the calendar was matched by.
    public var calendarAddress: String?
    /// For unmatched / ambiguous: a sentence for an admin.
    public var reason: String?
    /// The calendar's zone as IANA, once read from the calendar system.
    public var calendarTimeZone: String?
    public var matchedAt: Date?
    /// The instructor's e-mail address this outcome was computed for (a change triggers a re-match).
    public var matchedEmail: String?

    public init(
        instructorId: String, integrationId: String, status: Status, calendarId: CalendarID? = nil,
        calendarAddress: String? = nil, reason: String? = nil, calendarTimeZone: String? = nil,
        matchedAt: Date? = nil, matchedEmail: String? = nil
    ) {
        self.instructorId = instructorId
        self.integrationId = integrationId
        self.status = status
        self.calendarId = calendarId
        self.calendarAddress = calendarAddress
        self.reason = reason
        self.calendarTimeZone = calendarTimeZone
        self.matchedAt = matchedAt
        self.matchedEmail = matchedEmail
    }
}
