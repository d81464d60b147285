import CalSyncCore
import CalSyncStore
import Foundation

/// What is wrong with an integration, from simple rules over its recent outcomes (docs/product-rules.md, "Diagnosis"):
/// every outcome failing on authentication → credentials, consent or URL; the calendar service failing (5xx,
/// timeouts, unreachable) → an outage of the service, not anyone's mailbox; other failures for some people only →
/// their mailbox or e-mail address; a delete answered 404 → the person had already deleted the event. People whose
/// sync is switched off do not count.
///
/// The one place these rules live: `GET /v1/sync/status` (its `diagnosis` sentence) and `calsync doctor` both
/// use it, so they always say the same thing.
public enum SyncDiagnosis {
    /// One recent pull or push outcome of one person.
    public struct Outcome: Sendable, Hashable {
        public var instructorId: String
        public var at: Date
        public var failed: Bool
        public var code: String?
        public var httpStatus: Int?
        public var message: String?

        public init(
            instructorId: String, at: Date, failed: Bool, code: String? = nil, httpStatus: Int? = nil,
            message: String? = nil
        ) {
            self.instructorId = instructorId
            self.at = at
            self.failed = failed
            self.code = code
            self.httpStatus = httpStatus
            self.message = message
        }
    }

    public static let ok = "ok"
    public static let purging = "being removed: deleting the events CalSync pushed, then the integration"
    public static let inactive = "inactive: no pull and no push"
    public static let noneMatched = "no instructor is matched to a directory user"
    public static let directoryFailing = "the directory cannot be listed, so nobody can be matched: see lastError"
    /// The neutral sentence; each calendar system says what to check (`ConnectionAdvice.authenticationFailing`).
    public static let authentication = ConnectionAdvice.neutralAuthenticationFailing
    public static let somePeople = "failures for some people only: check their mailbox or e-mail address"
    public static let everyone = "every instructor's sync fails: see lastError"
    public static let outage =
        "outage of the calendar service: server errors or no answer, not a mailbox problem; CalSync keeps retrying"
    /// The note a delete answered 404 leaves on its operation (`EventPusher.delete` writes this same text).
    public static let alreadyDeletedNote = "already deleted"

    /// The kinds of error that mean the credentials, the consent or the connection's addresses are wrong.
    public static let authenticationKinds: Set<CalendarError.Kind> = [
        .credentialsRejected, .unauthorized, .permissionMissing, .configuration,
    ]

    /// Whether a recorded failure is on authentication: HTTP 401 or 403, or a code whose kind is (CalSync's own
    /// kind word, else the calendar system's code as its vocabulary reads it).
    public static func isAuthentication(code: String?, httpStatus: Int?, vocabulary: any ProviderVocabulary) -> Bool {
        if let httpStatus, httpStatus == 401 || httpStatus == 403 { return true }
        guard let kind = kind(of: code, vocabulary) else { return false }
        return authenticationKinds.contains(kind)
    }

    /// The neutral kind of a recorded code: CalSync's own kind word (any case), else the system's code.
    static func kind(of code: String?, _ vocabulary: any ProviderVocabulary) -> CalendarError.Kind? {
        guard let code else { return nil }
        let lowered = code.lowercased()
        if let own = CalendarError.Kind.allCases.first(where: { $0.rawValue.lowercased() == lowered }) { return own }
        return vocabulary.kind(ofCode: code)
    }

    /// Failures of the calendar service itself rather than of one person or of the credentials: a 5xx answer, or no
    /// answer at all (timeouts, resets, a host name that does not resolve: CalSync records those without an HTTP
    /// status, as `transient`, or `outcome_unknown` for a create).
    public static func isServiceFailure(code: String?, httpStatus: Int?) -> Bool {
        CalendarError.isServiceFailure(code: code, httpStatus: httpStatus)
    }

    /// Codes of failures that only repeat an earlier answer without asking the service again (a mailbox deferred by a
    /// previous Retry-After): they say nothing new, so the diagnosis skips them.
    public static let repeatedAnswerCodes: Set<String> = ["mailbox_deferred"]

    /// What is failing now is judged on each person's *latest* outcome (pull or push), so older successes do not hide
    /// a secret that went wrong since, and older failures do not outlive their fix.
    /// - Parameters:
    ///   - matchedCount: people of the integration matched to a directory user.
    ///   - outcomes: recent outcomes (latest pull of each person, recent pushes), any order.
    ///   - directory: how the integration's token and directory reads went, when known.
    ///   - syncOff: people whose sync is switched off: their outcomes do not count (an old success of theirs must not
    ///     make a failure of everyone else look like "some people only").
    ///   - vocabulary: the integration's calendar system's, to read its error codes.
    public static func verdict(
        status: Integration.Status, purgeRequested: Bool, matchedCount: Int, outcomes: [Outcome],
        directory: DirectoryState? = nil, syncOff: Set<String> = [],
        vocabulary: any ProviderVocabulary
    ) -> Verdict {
        if purgeRequested { return .purging }
        if status == .inactive { return .inactive }
        let latest = counted(outcomes, syncOff: syncOff)
        if let directory, directory.isFailing {
            if isAuthentication(
                code: directory.lastErrorCode, httpStatus: directory.lastErrorHTTPStatus, vocabulary: vocabulary)
            {
                return .authentication
            }
            if isServiceFailure(code: directory.lastErrorCode, httpStatus: directory.lastErrorHTTPStatus) {
                return .outage(failing: serviceFailing(latest))
            }
            if matchedCount == 0 { return .directoryFailing }
        }
        if matchedCount == 0 { return .noneMatched }
        guard !latest.isEmpty else { return .ok }
        if latest.values.allSatisfy({
            $0.failed && isAuthentication(code: $0.code, httpStatus: $0.httpStatus, vocabulary: vocabulary)
        }) {
            return .authentication
        }
        let failing = latest.values.filter(\.failed).map(\.instructorId).sorted()
        if failing.isEmpty { return .ok }
        let service = serviceFailing(latest)
        if !service.isEmpty { return .outage(failing: service) }
        return failing.count == latest.count ? .everyone : .somePeople(failing: failing)
    }

    /// The diagnosis sentence (`verdict(…).sentence`).
    public static func diagnose(
        status: Integration.Status, purgeRequested: Bool, matchedCount: Int, outcomes: [Outcome],
        directory: DirectoryState? = nil, syncOff: Set<String> = [],
        vocabulary: any ProviderVocabulary
    ) -> String {
        verdict(
            status: status, purgeRequested: purgeRequested, matchedCount: matchedCount, outcomes: outcomes,
            directory: directory, syncOff: syncOff, vocabulary: vocabulary
        ).sentence
    }

    /// The latest outcome of each person who counts: sync on, and outcomes that asked the service (see
    /// `repeatedAnswerCodes`).
    public static func counted(_ outcomes: [Outcome], syncOff: Set<String>) -> [String: Outcome] {
        let asked = outcomes.filter { outcome in
            !syncOff.contains(outcome.instructorId) && !repeatedAnswerCodes.contains(outcome.code?.lowercased() ?? "")
        }
        return latestByPerson(asked)
    }

    /// The people whose latest outcome is a failure of the calendar service, sorted.
    static func serviceFailing(_ latest: [String: Outcome]) -> [String] {
        latest.values.filter { $0.failed && isServiceFailure(code: $0.code, httpStatus: $0.httpStatus) }
            .map(\.instructorId).sorted()
    }

    /// Each person's latest outcome: it says whether they are failing now.
    public static func latestByPerson(_ outcomes: [Outcome]) -> [String: Outcome] {
        var latest: [String: Outcome] = [:]
        for outcome in outcomes where latest[outcome.instructorId].map({ outcome.at > $0.at }) ?? true {
            latest[outcome.instructorId] = outcome
        }
        return latest
    }

    /// The likely cause of one person's failure, for an admin (`ErrorExplanation`, the table the doctor and the
    /// admin pages read too, with the calendar system's own codes from its vocabulary).
    public static func personalCause(code: String?, httpStatus: Int?, vocabulary: any ProviderVocabulary) -> String {
        ErrorExplanation.of(code: code, httpStatus: httpStatus, vocabulary: vocabulary)?.cause ?? "its sync fails"
    }

    // MARK: - Outcomes from the store

    /// The outcome of a person's latest pull, when there was one.
    public static func outcome(of state: SyncState) -> Outcome? {
        let success = state.lastSuccessAt
        if let failedAt = state.lastErrorAt, success.map({ failedAt >= $0 }) ?? true {
            return Outcome(
                instructorId: state.instructorId, at: failedAt, failed: true, code: state.lastErrorCode,
                httpStatus: state.lastErrorHTTPStatus, message: state.lastErrorMessage)
        }
        return success.map { Outcome(instructorId: state.instructorId, at: $0, failed: false) }
    }

    /// The outcome of a push that was attempted: success, error, or a failure waiting for its next try (retrying);
    /// nil for operations not tried yet and processed ones.
    public static func outcome(of operation: OperationRecord) -> Outcome? {
        guard operation.status == .success || operation.status == .error || operation.isRetrying else { return nil }
        return Outcome(
            instructorId: operation.key.instructorId, at: operation.lastAttemptAt ?? operation.createdAt,
            failed: operation.status != .success, code: operation.errorCode, httpStatus: operation.httpStatus,
            message: operation.errorMessage)
    }

    /// Whether a delete found the event already gone (404): the person had deleted it themselves. Done, not a failure.
    public static func isAlreadyDeleted(_ operation: OperationRecord) -> Bool {
        guard operation.action == .delete else { return false }
        return operation.note == alreadyDeletedNote || (operation.status == .error && operation.httpStatus == 404)
    }
}
