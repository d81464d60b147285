/// Injected faults (`docs/exchange.md`, "Faults"). `EWSFaults()` injects nothing. They apply to authenticated EWS
/// requests only (never to the side door), after the logon and before the operation, so a faulted request changes
/// nothing — except `createCommitThen500`, which answers 500 after the item was saved, on purpose.
public struct EWSFaults: Sendable, Hashable {
    // MARK: - Probabilities (0…1) per request

    /// SOAP fault ErrorServerBusy (HTTP 500) with `BackOffMilliseconds` drawn from `backOffMilliseconds`.
    public var serverBusy: Double = 0
    /// Of those busy faults, the share that carries no BackOffMilliseconds (OBS: the hint is not always there).
    public var serverBusyWithoutBackOff: Double = 0
    /// HTTP 503 from IIS (requests queuing): an HTML page, no SOAP.
    public var unavailable503: Double = 0
    /// The connection is dropped without an answer (and with it an NTLM logon).
    public var connectionReset: Double = 0
    /// CreateItem only: the items are saved, then the answer is HTTP 500 ("Server Error in '/EWS' Application.").
    public var createCommitThen500: Double = 0
    /// SyncFolderItems with a SyncState: the state is invalidated (every state of that mailbox so far) and the answer
    /// is ErrorInvalidSyncStateData.
    public var invalidateSyncState: Double = 0

    // MARK: - Counted faults (deterministic, for scripted checks)

    /// The next N authenticated EWS requests answer ErrorServerBusy (with a BackOffMilliseconds from the range),
    /// whatever the probabilities say.
    public var serverBusyNextRequests = 0

    // MARK: - Shapes

    /// The range BackOffMilliseconds values are drawn from.
    public var backOffMilliseconds: ClosedRange<Int> = 200...2000
    /// Added to every EWS answer (the request stays in flight meanwhile).
    public var addedLatencyMs = 0
    /// Plus 0…N ms drawn per request.
    public var latencyJitterMs = 0
    /// Seed for the draws; nil derives one from `EWSConfiguration.seed`.
    public var seed: UInt64? = nil

    public init() {}
}
