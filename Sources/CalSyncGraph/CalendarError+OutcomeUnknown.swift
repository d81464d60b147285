import CalSyncCore

extension CalendarError {
    /// `code` of a `.transient` error thrown for a create (POST) that failed with a 5xx, a 504, a
    /// timeout or a reset: the event may or may not exist. Look it up by its tag (`findEvent`)
    /// before creating it again; resending with the same transactionId is also safe.
    public static let outcomeUnknownCode = "outcome_unknown"

    /// `code` of a `.throttled` error thrown without sending anything: the mailbox is deferred (by
    /// an earlier 429/503 Retry-After) for longer than the call's wait budget. `retryAfter` says how long.
    public static let mailboxDeferredCode = "mailbox_deferred"

    /// True for a create whose outcome is unknown (`outcomeUnknownCode`).
    public var isOutcomeUnknown: Bool { code == Self.outcomeUnknownCode }
}
