extension CalendarError {
    /// `providerCode` of a `.transient` error thrown for a create that failed without a clear answer (a 5xx, a
    /// timeout, a reset): the event may or may not exist. Look it up by its tag before creating it again.
    public static let outcomeUnknownCode = "outcome_unknown"

    /// `providerCode` of a `.throttled` error thrown without sending anything: the calendar is deferred (by an
    /// earlier Retry-After) for longer than the call may wait. `retryAfter` says how long. (The value is the one
    /// earlier releases recorded.)
    public static let deferredCode = "mailbox_deferred"

    /// True for a create whose outcome is unknown (`outcomeUnknownCode`).
    public var isOutcomeUnknown: Bool { providerCode == Self.outcomeUnknownCode }
}
