import CalSyncCore

extension SyncDiagnosis {
    /// The diagnosis of one integration.
    public enum Verdict: Sendable, Hashable {
        case ok
        case purging
        case inactive
        case noneMatched
        /// The directory cannot be listed (not on authentication, not on the service), and nobody is matched yet.
        case directoryFailing
        /// The token or the directory was refused on authentication, or every person's latest outcome was.
        case authentication
        /// The calendar service fails (5xx, timeouts, unreachable), for the directory read or for these people (their
        /// instructor ids, sorted; empty when only the directory read is known to fail): an outage, nobody's mailbox.
        case outage(failing: [String])
        /// Some people's latest outcome failed (their instructor ids, sorted); the others are fine.
        case somePeople(failing: [String])
        /// Every person's latest outcome failed, not (only) on authentication, not on the service.
        case everyone

        /// The sentence `GET /v1/sync/status` shows, in the integration's calendar system's words.
        public func sentence(_ advice: ConnectionAdvice) -> String {
            self == .authentication ? advice.authenticationFailing : sentence
        }

        /// The sentence with the neutral advice.
        public var sentence: String {
            switch self {
            case .ok: SyncDiagnosis.ok
            case .purging: SyncDiagnosis.purging
            case .inactive: SyncDiagnosis.inactive
            case .noneMatched: SyncDiagnosis.noneMatched
            case .directoryFailing: SyncDiagnosis.directoryFailing
            case .authentication: SyncDiagnosis.authentication
            case .outage: SyncDiagnosis.outage
            case .somePeople: SyncDiagnosis.somePeople
            case .everyone: SyncDiagnosis.everyone
            }
        }

        /// Whether something is wrong (an outage included, though there is nothing to fix on CalSync's side).
        public var isProblem: Bool {
            switch self {
            case .ok, .purging, .inactive: false
            case .noneMatched, .directoryFailing, .authentication, .outage, .somePeople, .everyone: true
            }
        }
    }
}
