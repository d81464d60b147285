import CalSyncCore

/// What EWS's response codes mean to the sync engine (`docs/exchange.md`, "Errors"): each known code's neutral kind.
/// A code not listed is an `invalidRequest` (the server refused what CalSync wrote).
enum EWSErrorCode {
    static let serverBusy = "ErrorServerBusy"
    static let itemNotFound = "ErrorItemNotFound"
    static let invalidSyncState = "ErrorInvalidSyncStateData"
    static let noResults = "ErrorNameResolutionNoResults"
    static let multipleResults = "ErrorNameResolutionMultipleResults"
    static let noMailbox = "ErrorNameResolutionNoMailbox"
    static let nonExistentMailbox = "ErrorNonExistentMailbox"
    static let nonPrimarySmtpAddress = "ErrorNonPrimarySmtpAddress"
    static let exceededFindCountLimit = "ErrorExceededFindCountLimit"
    /// A change key that is missing or no longer the item's current one: read it again and retry once.
    static let staleChangeKey: Set<String> = [
        "ErrorIrresolvableConflict", "ErrorStaleObject", "ErrorChangeKeyRequiredForWriteOperations", "ErrorInvalidChangeKey",
    ]

    static func kind(of code: String) -> CalendarError.Kind {
        knownKind(of: code) ?? .invalidRequest
    }

    /// The kind of a code this adapter knows; nil for any other.
    static func knownKind(of code: String) -> CalendarError.Kind? {
        switch code {
        case "ErrorServerBusy", "ErrorExceededConnectionCount", "ErrorTooManyObjectsOpened", "ErrorTimeoutExpired":
            .throttled
        case "ErrorInvalidSyncStateData", "ErrorSyncFolderNotFound":
            .cursorExpired
        case "ErrorItemNotFound", "ErrorInvalidIdMalformed", "ErrorInvalidIdEmpty", "ErrorInvalidChangeKey":
            .notFound
        case "ErrorImpersonateUserDenied", "ErrorImpersonationDenied", "ErrorImpersonationFailed", "ErrorAccessDenied":
            .permissionMissing
        case "ErrorNonExistentMailbox", "ErrorNameResolutionNoResults", "ErrorFolderNotFound", "ErrorNonPrimarySmtpAddress":
            .noCalendar
        case "ErrorMailboxMoveInProgress", "ErrorMailboxStoreUnavailable", "ErrorADUnavailable", "ErrorConnectionFailed",
            "ErrorInternalServerTransientError", "ErrorInternalServerError", "ErrorBatchProcessingStopped":
            .transient
        case "ErrorInvalidServerVersion", "ErrorIncorrectSchemaVersion", "ErrorInvalidSchemaVersionForMailboxVersion":
            .configuration
        case "ErrorSchemaValidation", "ErrorInvalidRequest", "ErrorCalendarViewRangeTooBig",
            "ErrorCalendarEndDateIsEarlierThanStartDate", "ErrorCalendarDurationIsTooLong", "ErrorCalendarInvalidTimeZone",
            "ErrorTimeZone", "ErrorInvalidExtendedPropertyValue":
            .invalidRequest
        default:
            nil
        }
    }

    /// The neutral error for a code the server answered, with its message.
    static func error(_ code: String, message: String, httpStatus: Int?, backOffMilliseconds: Int? = nil) -> CalendarError {
        CalendarError(
            kind(of: code), httpStatus: httpStatus, providerCode: code, message: message,
            retryAfter: backOffMilliseconds.map { Double($0) / 1000 })
    }
}
