import CalSyncCore
import Foundation

/// A short sentence saying what is wrong with an integration, from simple rules over its recent outcomes
/// (design.md, "Diagnosis"): every outcome failing on authentication → credentials, consent or URL; failures for
/// some people only → their mailbox or e-mail address.
struct SyncDiagnosis: Sendable {
    /// One recent pull or push outcome of one person.
    struct Outcome: Sendable, Hashable {
        var instructorId: String
        var at: Date
        var failed: Bool
        var code: String?
        var httpStatus: Int?
    }

    static let ok = "ok"
    static let purging = "being removed: deleting the events CalSync pushed, then the integration"
    static let inactive = "inactive: no pull and no push"
    static let noneMatched = "no instructor is matched to a directory user"
    static let authentication = "all operations fail on authentication: check the client secret, admin consent or the Graph URL"
    static let somePeople = "failures for some people only: check their mailbox or e-mail address"
    static let everyone = "every instructor's sync fails: see lastError"

    /// Error codes that mean the credentials, the consent or the endpoints are wrong (reference: token errors,
    /// Graph 401/403), plus CalSync's own kinds for them.
    static let authenticationCodes: Set<String> = [
        "invalid_client", "unauthorized_client", "invalid_grant", "invalid_resource", "invalid_scope",
        "invalidauthenticationtoken", "erroraccessdenied", "authorization_requestdenied", "accessdenied",
        "authentication", "unauthorized", "forbidden", "insecureurl", "invalidurl", "configuration",
    ]

    static func isAuthentication(code: String?, httpStatus: Int?) -> Bool {
        if let httpStatus, httpStatus == 401 || httpStatus == 403 { return true }
        guard let code = code?.lowercased() else { return false }
        return authenticationCodes.contains(code) || code.hasPrefix("aadsts")
    }

    /// - Parameters:
    ///   - matchedCount: people of the integration matched to a directory user.
    ///   - outcomes: recent outcomes (latest pull of each person, recent pushes), any order.
    static func diagnose(status: Integration.Status, purgeRequested: Bool, matchedCount: Int, outcomes: [Outcome])
        -> String
    {
        if purgeRequested { return purging }
        if status == .inactive { return inactive }
        if matchedCount == 0 { return noneMatched }
        guard !outcomes.isEmpty else { return ok }
        if outcomes.allSatisfy({ $0.failed && isAuthentication(code: $0.code, httpStatus: $0.httpStatus) }) {
            return authentication
        }
        // Each person's latest outcome says whether they are failing now.
        var latest: [String: Outcome] = [:]
        for outcome in outcomes where latest[outcome.instructorId].map({ outcome.at > $0.at }) ?? true {
            latest[outcome.instructorId] = outcome
        }
        let failing = latest.values.filter(\.failed).count
        if failing == 0 { return ok }
        return failing == latest.count ? everyone : somePeople
    }

    /// The outcome of a person's latest pull, when there was one.
    static func outcome(of state: DeltaState) -> Outcome? {
        let success = state.lastSuccessAt
        if let failedAt = state.lastErrorAt, success.map({ failedAt >= $0 }) ?? true {
            return Outcome(instructorId: state.instructorId, at: failedAt, failed: true, code: state.lastErrorCode)
        }
        return success.map { Outcome(instructorId: state.instructorId, at: $0, failed: false) }
    }

    /// The outcome of a push that was attempted (success or error); nil for pending or processed ones.
    static func outcome(of operation: OperationRecord) -> Outcome? {
        guard operation.status == .success || operation.status == .error else { return nil }
        return Outcome(
            instructorId: operation.key.instructorId, at: operation.lastAttemptAt ?? operation.createdAt,
            failed: operation.status == .error, code: operation.errorCode, httpStatus: operation.httpStatus)
    }
}
