import CalSyncCore
import CalSyncStore
import Foundation

/// What is wrong with an integration, from simple rules over its recent outcomes (docs/product-rules.md, "Diagnosis"):
/// every outcome failing on authentication → credentials, consent or URL; failures for some people only → their
/// mailbox or e-mail address; a delete answered 404 → the person had already deleted the event.
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

        public init(instructorId: String, at: Date, failed: Bool, code: String? = nil, httpStatus: Int? = nil,
                    message: String? = nil) {
            self.instructorId = instructorId
            self.at = at
            self.failed = failed
            self.code = code
            self.httpStatus = httpStatus
            self.message = message
        }
    }

    /// The diagnosis of one integration.
    public enum Verdict: Sendable, Hashable {
        case ok
        case purging
        case inactive
        case noneMatched
        /// The directory cannot be listed (not on authentication), and nobody is matched yet.
        case directoryFailing
        /// The token or the directory was refused on authentication, or every person's latest outcome was.
        case authentication
        /// Some people's latest outcome failed (their instructor ids, sorted); the others are fine.
        case somePeople(failing: [String])
        /// Every person's latest outcome failed, not (only) on authentication.
        case everyone

        /// The sentence `GET /v1/sync/status` shows.
        public var sentence: String {
            switch self {
            case .ok: SyncDiagnosis.ok
            case .purging: SyncDiagnosis.purging
            case .inactive: SyncDiagnosis.inactive
            case .noneMatched: SyncDiagnosis.noneMatched
            case .directoryFailing: SyncDiagnosis.directoryFailing
            case .authentication: SyncDiagnosis.authentication
            case .somePeople: SyncDiagnosis.somePeople
            case .everyone: SyncDiagnosis.everyone
            }
        }

        /// Whether an admin has something to fix.
        public var isProblem: Bool {
            switch self {
            case .ok, .purging, .inactive: false
            case .noneMatched, .directoryFailing, .authentication, .somePeople, .everyone: true
            }
        }
    }

    public static let ok = "ok"
    public static let purging = "being removed: deleting the events CalSync pushed, then the integration"
    public static let inactive = "inactive: no pull and no push"
    public static let noneMatched = "no instructor is matched to a directory user"
    public static let directoryFailing = "the directory cannot be listed, so nobody can be matched: see lastError"
    public static let authentication = "all operations fail on authentication: check the client secret, admin consent or the Graph URL"
    public static let somePeople = "failures for some people only: check their mailbox or e-mail address"
    public static let everyone = "every instructor's sync fails: see lastError"

    /// The note a delete answered 404 leaves on its operation (`EventPusher.delete` writes this same text).
    public static let alreadyDeletedNote = "already deleted"

    /// Error codes that mean the credentials, the consent or the endpoints are wrong (reference: token errors,
    /// Graph 401/403), plus CalSync's own kinds for them.
    public static let authenticationCodes: Set<String> = [
        "invalid_client", "unauthorized_client", "invalid_grant", "invalid_resource", "invalid_scope",
        "invalidauthenticationtoken", "erroraccessdenied", "authorization_requestdenied", "accessdenied",
        "authentication", "unauthorized", "forbidden", "insecureurl", "invalidurl", "configuration",
    ]

    public static func isAuthentication(code: String?, httpStatus: Int?) -> Bool {
        if let httpStatus, httpStatus == 401 || httpStatus == 403 { return true }
        guard let code = code?.lowercased() else { return false }
        // Token errors carry "invalid_client AADSTS7000215": any of the words counts.
        return code.split(separator: " ").contains { authenticationCodes.contains(String($0)) || $0.hasPrefix("aadsts") }
    }

    /// What is failing now is judged on each person's *latest* outcome (pull or push), so older successes do not hide
    /// a secret that went wrong since, and older failures do not outlive their fix.
    /// - Parameters:
    ///   - matchedCount: people of the integration matched to a directory user.
    ///   - outcomes: recent outcomes (latest pull of each person, recent pushes), any order.
    ///   - directory: how the integration's token and directory reads went, when known.
    public static func verdict(status: Integration.Status, purgeRequested: Bool, matchedCount: Int, outcomes: [Outcome],
                               directory: DirectoryState? = nil) -> Verdict
    {
        if purgeRequested { return .purging }
        if status == .inactive { return .inactive }
        if let directory, directory.isFailing {
            if isAuthentication(code: directory.lastErrorCode, httpStatus: directory.lastErrorHTTPStatus) {
                return .authentication
            }
            if matchedCount == 0 { return .directoryFailing }
        }
        if matchedCount == 0 { return .noneMatched }
        let latest = latestByPerson(outcomes)
        guard !latest.isEmpty else { return .ok }
        if latest.values.allSatisfy({ $0.failed && isAuthentication(code: $0.code, httpStatus: $0.httpStatus) }) {
            return .authentication
        }
        let failing = latest.values.filter(\.failed).map(\.instructorId).sorted()
        if failing.isEmpty { return .ok }
        return failing.count == latest.count ? .everyone : .somePeople(failing: failing)
    }

    /// The diagnosis sentence (`verdict(…).sentence`).
    public static func diagnose(status: Integration.Status, purgeRequested: Bool, matchedCount: Int, outcomes: [Outcome],
                                directory: DirectoryState? = nil) -> String
    {
        verdict(status: status, purgeRequested: purgeRequested, matchedCount: matchedCount, outcomes: outcomes,
                directory: directory).sentence
    }

    /// Each person's latest outcome: it says whether they are failing now.
    public static func latestByPerson(_ outcomes: [Outcome]) -> [String: Outcome] {
        var latest: [String: Outcome] = [:]
        for outcome in outcomes where latest[outcome.instructorId].map({ outcome.at > $0.at }) ?? true {
            latest[outcome.instructorId] = outcome
        }
        return latest
    }

    /// The likely cause of one person's failure, for an admin (the person-specific codes of docs/microsoft-365.md §1, §4).
    public static func personalCause(code: String?, httpStatus: Int?) -> String {
        switch code?.lowercased() {
        case "mailboxnotenabledforrestapi":
            return "no Exchange Online mailbox (none, inactive, or on-premises)"
        case "errorinvaliduser", "request_resourcenotfound", "resourcenotfound":
            return "the directory user no longer exists (check the e-mail address)"
        case "erroraccessdenied" where httpStatus == 403, "accessdenied":
            return "access to this mailbox is denied (an application access policy excludes it, or consent is missing)"
        case "mass_deletion_held":
            return "the calendar suddenly lost most of its events; deletions held for review"
        default:
            break
        }
        switch httpStatus {
        case 403?: return "access to this mailbox is denied (an application access policy excludes it, or consent is missing)"
        case 404?: return "the mailbox or user was not found (check the e-mail address)"
        default: return "its sync fails"
        }
    }

    // MARK: - Outcomes from the store

    /// The outcome of a person's latest pull, when there was one.
    public static func outcome(of state: DeltaState) -> Outcome? {
        let success = state.lastSuccessAt
        if let failedAt = state.lastErrorAt, success.map({ failedAt >= $0 }) ?? true {
            return Outcome(instructorId: state.instructorId, at: failedAt, failed: true, code: state.lastErrorCode,
                           message: state.lastErrorMessage)
        }
        return success.map { Outcome(instructorId: state.instructorId, at: $0, failed: false) }
    }

    /// The outcome of a push that was attempted (success or error); nil for pending or processed ones.
    public static func outcome(of operation: OperationRecord) -> Outcome? {
        guard operation.status == .success || operation.status == .error else { return nil }
        return Outcome(
            instructorId: operation.key.instructorId, at: operation.lastAttemptAt ?? operation.createdAt,
            failed: operation.status == .error, code: operation.errorCode, httpStatus: operation.httpStatus,
            message: operation.errorMessage)
    }

    /// Whether a delete found the event already gone (404): the person had deleted it themselves. Done, not a failure.
    public static func isAlreadyDeleted(_ operation: OperationRecord) -> Bool {
        guard operation.action == .delete else { return false }
        return operation.note == alreadyDeletedNote || (operation.status == .error && operation.httpStatus == 404)
    }

    /// What the diagnosis of one integration is computed from.
    public struct Evidence: Sendable {
        /// Each person's delta state (their latest pull).
        public var states: [DeltaState]
        public var matches: [InstructorMatch]
        /// The newest attempted pushes (success or error), newest first.
        public var recentOperations: [OperationRecord]
        /// How the token and directory reads went.
        public var directory: DirectoryState?

        /// How many recent pushes the diagnosis looks at.
        public static let recentOperationCount = 50

        public var matchedCount: Int { matches.filter { $0.status == .matched }.count }

        public var outcomes: [Outcome] {
            states.compactMap(SyncDiagnosis.outcome(of:)) + recentOperations.compactMap(SyncDiagnosis.outcome(of:))
        }

        /// Recent deletes that found the event already deleted by the person.
        public var alreadyDeleted: [OperationRecord] { recentOperations.filter(SyncDiagnosis.isAlreadyDeleted) }

        public init(states: [DeltaState], matches: [InstructorMatch], recentOperations: [OperationRecord],
                    directory: DirectoryState? = nil) {
            self.states = states
            self.matches = matches
            self.recentOperations = recentOperations
            self.directory = directory
        }

        public static func load(integrationId: String, store: CalSyncStore, recent: Int = recentOperationCount) async throws
            -> Evidence
        {
            Evidence(
                states: try await store.deltaStates(integrationId: integrationId),
                matches: try await store.matches(integrationId: integrationId),
                recentOperations: try await store.latestOperations(
                    integrationId: integrationId, statuses: [.success, .error], limit: recent),
                directory: try await store.directoryState(integrationId: integrationId))
        }

        public func verdict(_ integration: Integration, purgeRequested: Bool) -> Verdict {
            SyncDiagnosis.verdict(
                status: integration.status, purgeRequested: purgeRequested, matchedCount: matchedCount, outcomes: outcomes,
                directory: directory)
        }

        /// The sentence `GET /v1/sync/status` shows: the verdict, then who exactly (the failing people with the likely
        /// cause of each, the unmatched and ambiguous ones, deletes that found the event already gone), so an admin
        /// sees what `calsync doctor` would name.
        public func diagnosis(_ integration: Integration, purgeRequested: Bool) -> String {
            let verdict = verdict(integration, purgeRequested: purgeRequested)
            var text = verdict.sentence
            if case .somePeople(let failing) = verdict {
                let latest = SyncDiagnosis.latestByPerson(outcomes)
                let causes = failing.map { id in
                    "\(id): " + SyncDiagnosis.personalCause(code: latest[id]?.code, httpStatus: latest[id]?.httpStatus)
                }
                text += " (" + Self.list(causes, limit: 5, separator: "; ") + ")"
            }
            // Notes only where matching worked: with the directory refused, "unmatched" would only repeat the verdict.
            switch verdict {
            case .purging, .inactive, .noneMatched, .directoryFailing, .authentication: return text
            case .ok, .somePeople, .everyone: break
            }
            var notes: [String] = []
            for status in [InstructorMatch.Status.unmatched, .ambiguous] {
                let ids = matches.filter { $0.status == status }.map(\.instructorId).sorted()
                if !ids.isEmpty {
                    notes.append("\(ids.count) \(ids.count == 1 ? "person" : "people") \(status.rawValue) ("
                                 + Self.list(ids, limit: 5) + ")")
                }
            }
            let deleted = alreadyDeleted.count
            if deleted > 0 {
                notes.append("\(deleted) recent delete\(deleted == 1 ? "" : "s") found the event already deleted by the person")
            }
            return notes.isEmpty ? text : text + "; " + notes.joined(separator: "; ")
        }

        static func list(_ items: [String], limit: Int, separator: String = ", ") -> String {
            items.count <= limit
                ? items.joined(separator: separator)
                : items.prefix(limit).joined(separator: separator) + " and \(items.count - limit) more"
        }
    }
}
