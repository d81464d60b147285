import Foundation

/// The outcome of matching one instructor to the directory of one integration.
public struct InstructorMatch: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case matched, unmatched, ambiguous, pending }

    public var instructorId: String
    public var integrationId: String
    public var status: Status
    public var calendarUserId: String?
    public var calendarUserMail: String?
    /// For unmatched / ambiguous: a sentence for an admin.
    public var reason: String?
    /// Mailbox zone as IANA, once read from mailboxSettings.
    public var mailboxTimeZone: String?
    public var matchedAt: Date?
    /// The instructor's e-mail address this outcome was computed for (a change triggers a re-match).
    public var matchedEmail: String?

    public init(instructorId: String, integrationId: String, status: Status, calendarUserId: String? = nil,
                calendarUserMail: String? = nil, reason: String? = nil, mailboxTimeZone: String? = nil,
                matchedAt: Date? = nil, matchedEmail: String? = nil) {
        self.instructorId = instructorId
        self.integrationId = integrationId
        self.status = status
        self.calendarUserId = calendarUserId
        self.calendarUserMail = calendarUserMail
        self.reason = reason
        self.mailboxTimeZone = mailboxTimeZone
        self.matchedAt = matchedAt
        self.matchedEmail = matchedEmail
    }
}
