import Foundation

/// Pull state of one person's calendar: where the next change listing resumes, and the window it was read over.
public struct SyncState: Sendable, Hashable, Codable {
    public var integrationId: String
    public var instructorId: String
    /// The calendar the state belongs to (a person moved to another calendar starts over).
    public var calendarId: CalendarID
    /// Where the next round resumes (the last complete round's cursor), or nil when a full listing is due.
    public var cursor: SyncCursor?
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

    public init(
        integrationId: String, instructorId: String, calendarId: CalendarID, cursor: SyncCursor?,
        windowStart: Date, windowEnd: Date, lastSuccessAt: Date? = nil, lastErrorAt: Date? = nil,
        lastErrorCode: String? = nil, lastErrorMessage: String? = nil, deletionsAccepted: Bool = false,
        lastErrorHTTPStatus: Int? = nil
    ) {
        self.deletionsAccepted = deletionsAccepted
        self.integrationId = integrationId
        self.instructorId = instructorId
        self.calendarId = calendarId
        self.cursor = cursor
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
