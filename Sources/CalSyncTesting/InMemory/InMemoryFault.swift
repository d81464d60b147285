import CalSyncCore

/// A failure the in-memory provider answers instead of (or after) doing what it was asked, for the next `times`
/// matching calls (every matching call while it is installed when `times` is nil).
public struct InMemoryFault: Sendable, Hashable {
    /// The calls it applies to; nil: every call.
    public var operation: ProviderCall.Operation?
    /// The calendar it applies to; nil: every calendar.
    public var calendar: CalendarID?
    public var error: CalendarError
    /// The write is done first, then the error is thrown: the caller cannot tell it happened (a timeout after the
    /// server committed). Applies to writes only.
    public var afterCommit: Bool
    /// How many more calls it applies to; nil: until it is removed.
    public var remaining: Int?

    public init(
        on operation: ProviderCall.Operation? = nil, calendar: CalendarID? = nil, error: CalendarError,
        afterCommit: Bool = false, times: Int? = 1
    ) {
        self.operation = operation
        self.calendar = calendar
        self.error = error
        self.afterCommit = afterCommit
        self.remaining = times.map { max(1, $0) }
    }

    /// Every call (of `operation`, when given) answers `.throttled` with this Retry-After, without effect.
    public static func throttle(retryAfter: Double?, on operation: ProviderCall.Operation? = nil, times: Int? = nil)
        -> InMemoryFault
    {
        let seconds = retryAfter.map { " for \($0) s" } ?? ""
        return InMemoryFault(
            on: operation,
            error: CalendarError(
                .throttled, httpStatus: 429, providerCode: "throttled", message: "too many requests, retry later\(seconds)",
                retryAfter: retryAfter),
            times: times)
    }

    /// The next `times` creates are committed, then fail as a timeout would: `.transient` with
    /// `CalendarError.outcomeUnknownCode`.
    public static func ambiguousCreate(times: Int? = 1) -> InMemoryFault {
        InMemoryFault(
            on: .create,
            error: CalendarError(
                .transient, httpStatus: 504, providerCode: CalendarError.outcomeUnknownCode,
                message: "the create timed out: the event may or may not exist"),
            afterCommit: true, times: times)
    }

    func applies(to operation: ProviderCall.Operation, calendar: CalendarID?, afterCommit: Bool) -> Bool {
        guard self.afterCommit == afterCommit, !afterCommit || operation.isWrite else { return false }
        if let wanted = self.operation, wanted != operation { return false }
        if let wanted = self.calendar, wanted != calendar { return false }
        return true
    }
}
