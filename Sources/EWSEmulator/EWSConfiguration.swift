/// Knobs for the EWS emulator. Every default reproduces what Microsoft documents (or, where it is silent, what was
/// observed); the knobs marked UNCONFIRMED exist because neither pins the real behaviour down, so a client can be
/// tested against each plausible answer (`docs/exchange.md`, "What is not confirmed").
public struct EWSConfiguration: Sendable {
    /// How the emulator answers a point Microsoft leaves open.
    public enum ErrorShape: Sendable, Hashable {
        /// A SOAP Fault with HTTP 500 for the whole request.
        case fault
        /// One ResponseMessage per requested item, each with the error, in an HTTP 200 answer.
        case responseMessage
    }

    // MARK: - Server

    /// `t:ServerVersionInfo` of every response.
    public var serverVersion = EWSServerVersion.exchange2019
    /// Authentication schemes offered in `WWW-Authenticate` and accepted (IIS on the EWS virtual directory).
    public var acceptsNTLM = true
    public var acceptsBasic = true

    // MARK: - Impersonation and identity (docs/exchange.md, "Impersonation")

    /// ErrorNonExistentMailbox for an impersonation header: a SOAP fault or a per-item error. UNCONFIRMED.
    public var nonExistentMailboxShape = ErrorShape.fault
    /// Whether ResolveNames accepts an ExchangeImpersonation header (true: it runs as the impersonated user; false:
    /// ErrorImpersonationFailed fault). UNCONFIRMED.
    public var resolveNamesAcceptsImpersonation = true
    /// HTTP status for an impersonated request without `X-AnchorMailbox` (Microsoft: the server "may" answer 500 or
    /// 503); nil serves it (and counts it in the account's statistics).
    public var missingAnchorMailboxStatus: Int? = nil

    // MARK: - Reading (docs/exchange.md, "CalendarView", "SyncFolderItems")

    /// Whether a CalendarView FindItem returns requested extended properties (false: they are left out, so a client
    /// must GetItem). UNCONFIRMED.
    public var calendarViewReturnsExtendedProperties = true
    /// Which items a CalendarView truncated by MaxEntriesReturned keeps: the earliest (true) or the latest. UNCONFIRMED.
    public var calendarViewTruncatesToEarliest = true
    /// EWSFindCountLimit: a CalendarView with more items than this (and no smaller MaxEntriesReturned) answers
    /// ErrorExceededFindCountLimit; an IndexedPageItemView page is cut to it (DOC: 1000, 250 with a restriction).
    public var findCountLimit = 1000
    public var restrictedFindCountLimit = 250
    /// Whether IsEqualTo on a string property ignores case. UNCONFIRMED.
    public var restrictionStringsIgnoreCase = true
    /// What LegacyFreeBusyStatus a request older than Exchange2013 reads for WorkingElsewhere. UNCONFIRMED.
    public var workingElsewhereForOlderSchemas = "Busy"

    // MARK: - Writing (docs/exchange.md, "UpdateItem")

    /// The ResponseCode for an UpdateItem whose ChangeKey is not the item's current one. UNCONFIRMED between
    /// ErrorIrresolvableConflict (default) and ErrorStaleObject.
    public var staleChangeKeyCode = "ErrorIrresolvableConflict"
    /// Whether ConflictResolution AlwaysOverwrite applies an update whose ChangeKey is stale. UNCONFIRMED.
    public var alwaysOverwriteIgnoresStaleChangeKey = true
    /// The ResponseCode for an unknown StartTimeZone/EndTimeZone Id on an item. UNCONFIRMED between
    /// ErrorCalendarInvalidTimeZone (default) and ErrorTimeZone.
    public var invalidItemTimeZoneCode = "ErrorCalendarInvalidTimeZone"

    // MARK: - Throttling (docs/exchange.md, "Throttling")

    /// EWSMaxConcurrency per service account (DOC: 27 from Exchange 2013): one more request in flight is answered
    /// ErrorExceededConnectionCount. Nil: no limit.
    public var maxConcurrencyPerAccount: Int? = 27
    /// Whether a request that comes before a BackOffMilliseconds elapsed is answered ErrorServerBusy again (with
    /// what is left), as a server still over budget would; it is counted as early either way.
    public var busyUntilBackOffElapses = true
    /// How long after a back-off answer was delivered a request still counts as one the client sent before it could
    /// read that answer (on another connection of its own), so not as early in the statistics (it is answered busy
    /// all the same). 0: every request after the delivery counts.
    public var earlyRequestGraceMilliseconds = 0

    // MARK: - Determinism and faults

    /// Seed for ids, change keys and sync states.
    public var seed: UInt64 = 0x0E75_0E75
    /// Injected faults from the start; change them at run time with `EWSEmulator.setFaults(_:)` or
    /// `POST /_emulator/faults`.
    public var faults = EWSFaults()

    public init() {}
}
