extension CalendarError {
    /// `providerCode` of a `.transient` error thrown for a create that failed without a clear answer (a 5xx, a
    /// timeout, a reset): the event may or may not exist. Look it up by its tag before creating it again.
    public static let outcomeUnknownCode = "outcome_unknown"

    /// `providerCode` of a `.throttled` error thrown without sending anything: the calendar is deferred (by an
    /// earlier Retry-After) for longer than the call may wait. `retryAfter` says how long. (The value is the one
    /// earlier releases recorded.)
    public static let deferredCode = "mailbox_deferred"

    /// The event is not there: deleted, or its whole calendar is (`.noCalendar`: a mailbox disabled since the event was
    /// pushed). The engine treats both alike: a delete is done, an update recreates, drift repair sees a deletion.
    public var isGone: Bool { kind == .notFound || kind == .noCalendar }

    /// True for a create whose outcome is unknown (`outcomeUnknownCode`).
    public var isOutcomeUnknown: Bool { providerCode == Self.outcomeUnknownCode }
}

extension CalendarError {
    /// The codes CalSync records for a failure without any answer (timeouts, resets, a host that does not resolve).
    public static let noAnswerCodes: Set<String> = ["transient", "outcome_unknown"]

    /// Whether a recorded failure is the calendar service's own rather than one person's or the credentials': a 5xx
    /// answer, or no answer at all.
    public static func isServiceFailure(code: String?, httpStatus: Int?) -> Bool {
        if let httpStatus { return (500...599).contains(httpStatus) }
        return noAnswerCodes.contains(code?.lowercased() ?? "")
    }
}
