import CalSyncHTTP

/// What the emulator saw of one service account: its load, whether it honoured back-offs, its logons.
public struct EWSAccountStats: Sendable, Hashable {
    /// Authenticated EWS requests (each one the account's budget pays for, whichever mailbox it impersonates).
    public var requests = 0
    public var operations: [String: Int] = [:]
    /// Requests in flight now, and the most at once.
    public var inFlight = 0
    public var maxInFlight = 0
    /// ErrorServerBusy faults given, and requests that came before the BackOffMilliseconds of the last one elapsed
    /// (measured from when that answer was delivered), with the largest shortfall.
    public var serverBusyGiven = 0
    public var earlyRequests = 0
    public var maxEarlyByMilliseconds = 0
    /// Failed logons (wrong password) in total, in a row now (Active Directory's badPwdCount), and logons refused
    /// because the account was locked out.
    public var failedLogons = 0
    public var consecutiveFailedLogons = 0
    public var logonsWhileLockedOut = 0
    public var lockouts = 0
    public var lockedOut = false
    /// Impersonated requests that came without `X-AnchorMailbox`, or with one naming another mailbox.
    public var missingAnchorMailbox = 0
    public var mismatchedAnchorMailbox = 0
    /// Injected faults by name (serverBusy, unavailable503, connectionReset, createCommitThen500,
    /// invalidateSyncState, exceededConnectionCount, addedLatency).
    public var faultsInjected: [String: Int] = [:]

    public init() {}

    public var json: JSONValue {
        [
            "requests": .number(Double(requests)),
            "operations": .object(operations.mapValues { .number(Double($0)) }),
            "inFlight": .number(Double(inFlight)),
            "maxInFlight": .number(Double(maxInFlight)),
            "serverBusyGiven": .number(Double(serverBusyGiven)),
            "earlyRequests": .number(Double(earlyRequests)),
            "maxEarlyByMilliseconds": .number(Double(maxEarlyByMilliseconds)),
            "failedLogons": .number(Double(failedLogons)),
            "consecutiveFailedLogons": .number(Double(consecutiveFailedLogons)),
            "logonsWhileLockedOut": .number(Double(logonsWhileLockedOut)),
            "lockouts": .number(Double(lockouts)),
            "lockedOut": .bool(lockedOut),
            "missingAnchorMailbox": .number(Double(missingAnchorMailbox)),
            "mismatchedAnchorMailbox": .number(Double(mismatchedAnchorMailbox)),
            "faultsInjected": .object(faultsInjected.mapValues { .number(Double($0)) }),
        ]
    }
}
