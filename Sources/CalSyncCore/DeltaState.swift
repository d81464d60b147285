import Foundation

/// Pull state of one person's calendar: the delta link and the window it is bound to.
public struct DeltaState: Sendable, Hashable, Codable {
    public var integrationId: String
    public var instructorId: String
    public var calendarUserId: String
    /// The last complete round's deltaLink, or nil when a new initial round is due.
    public var deltaLink: String?
    public var windowStart: Date
    public var windowEnd: Date
    public var lastSuccessAt: Date?
    public var lastErrorAt: Date?
    public var lastErrorCode: String?
    public var lastErrorMessage: String?
    /// The HTTP status of the last failure; nil when there was no HTTP answer (timeout, unreachable) or none is known.
    public var lastErrorHTTPStatus: Int?
    /// An admin accepted the deletions the mass-deletion guard held: the next round applies them.
    public var deletionsAccepted = false

    public init(integrationId: String, instructorId: String, calendarUserId: String, deltaLink: String?,
                windowStart: Date, windowEnd: Date, lastSuccessAt: Date? = nil, lastErrorAt: Date? = nil,
                lastErrorCode: String? = nil, lastErrorMessage: String? = nil, deletionsAccepted: Bool = false,
                lastErrorHTTPStatus: Int? = nil) {
        self.deletionsAccepted = deletionsAccepted
        self.integrationId = integrationId
        self.instructorId = instructorId
        self.calendarUserId = calendarUserId
        self.deltaLink = deltaLink
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastErrorCode = lastErrorCode
        self.lastErrorMessage = lastErrorMessage
        self.lastErrorHTTPStatus = lastErrorHTTPStatus
    }

    public var window: TimeRange { TimeRange(start: windowStart, end: windowEnd) }
}
