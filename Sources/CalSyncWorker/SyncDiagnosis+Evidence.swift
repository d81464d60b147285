import CalSyncCore
import CalSyncStore
import Foundation

extension SyncDiagnosis {
    /// What the diagnosis of one integration is computed from.
    public struct Evidence: Sendable {
        /// Each person's sync state (their latest pull).
        public var states: [SyncState]
        public var matches: [InstructorMatch]
        /// The newest attempted pushes (success, error, or retrying), newest first.
        public var recentOperations: [OperationRecord]
        /// How the token and directory reads went.
        public var directory: DirectoryState?
        /// The people whose sync is switched off: their outcomes do not count.
        public var syncOff: Set<String>
        /// The integration's calendar system's vocabulary, to read its error codes.
        public var vocabulary: any ProviderVocabulary

        /// How many recent pushes the diagnosis looks at.
        public static let recentOperationCount = 50

        public var matchedCount: Int { matches.filter { $0.status == .matched }.count }

        public var outcomes: [Outcome] {
            states.compactMap(SyncDiagnosis.outcome(of:)) + recentOperations.compactMap(SyncDiagnosis.outcome(of:))
        }

        /// Recent deletes that found the event already deleted by the person.
        public var alreadyDeleted: [OperationRecord] { recentOperations.filter(SyncDiagnosis.isAlreadyDeleted) }

        public init(
            states: [SyncState], matches: [InstructorMatch], recentOperations: [OperationRecord],
            directory: DirectoryState? = nil, syncOff: Set<String> = [], vocabulary: any ProviderVocabulary
        ) {
            self.vocabulary = vocabulary
            self.states = states
            self.matches = matches
            self.recentOperations = recentOperations
            self.directory = directory
            self.syncOff = syncOff
        }

        public static func load(
            integrationId: String, store: CalSyncStore, vocabulary: any ProviderVocabulary,
            recent: Int = recentOperationCount
        ) async throws -> Evidence {
            Evidence(
                states: try await store.syncStates(integrationId: integrationId),
                matches: try await store.matches(integrationId: integrationId),
                recentOperations: try await store.latestOperations(
                    integrationId: integrationId, statuses: [.success, .error, .pending], attemptedOnly: true,
                    limit: recent),
                directory: try await store.directoryState(integrationId: integrationId),
                syncOff: try await store.syncDisabledInstructorIds(), vocabulary: vocabulary)
        }

        public func verdict(_ integration: Integration, purgeRequested: Bool) -> Verdict {
            SyncDiagnosis.verdict(
                status: integration.status, purgeRequested: purgeRequested, matchedCount: matchedCount, outcomes: outcomes,
                directory: directory, syncOff: syncOff, vocabulary: vocabulary)
        }

        /// The sentence `GET /v1/sync/status` shows: the verdict, then who exactly (the failing people with the likely
        /// cause of each, what the calendar service answered in an outage, the unmatched and ambiguous ones, deletes
        /// that found the event already gone), so an admin sees what `calsync doctor` would name.
        public func diagnosis(_ integration: Integration, purgeRequested: Bool) -> String {
            let verdict = verdict(integration, purgeRequested: purgeRequested)
            var text = verdict.sentence(vocabulary.advice(for: integration.connection))
            let latest = SyncDiagnosis.counted(outcomes, syncOff: syncOff)
            switch verdict {
            case .somePeople(let failing):
                text += " (" + Self.list(causes(of: failing, latest), limit: 5, separator: "; ") + ")"
            case .outage(let failing):
                text += " (" + outageDetail(failing, latest) + ")"
            default:
                break
            }
            // Notes only where matching worked: with the directory refused, "unmatched" would only repeat the verdict.
            switch verdict {
            case .purging, .inactive, .noneMatched, .directoryFailing, .authentication: return text
            case .ok, .outage, .somePeople, .everyone: break
            }
            var notes: [String] = []
            for status in [InstructorMatch.Status.unmatched, .ambiguous] {
                let ids = matches.filter { $0.status == status }.map(\.instructorId).sorted()
                if !ids.isEmpty {
                    notes.append(
                        "\(ids.count) \(ids.count == 1 ? "person" : "people") \(status.rawValue) ("
                            + Self.list(ids, limit: 5) + ")")
                }
            }
            let deleted = alreadyDeleted.count
            if deleted > 0 {
                notes.append("\(deleted) recent delete\(deleted == 1 ? "" : "s") found the event already deleted by the person")
            }
            return notes.isEmpty ? text : text + "; " + notes.joined(separator: "; ")
        }

        /// "i-1: <the likely cause, in the calendar system's words>" for each person.
        func causes(of people: [String], _ latest: [String: Outcome]) -> [String] {
            people.map { id in
                "\(id): "
                    + SyncDiagnosis.personalCause(
                        code: latest[id]?.code, httpStatus: latest[id]?.httpStatus, vocabulary: vocabulary)
            }
        }

        /// What the service answered and for how many people ("HTTP 503 serviceNotAvailable for 2 of 3 people"), or
        /// for the directory read; then anyone failing for another reason, with its likely cause.
        func outageDetail(_ failing: [String], _ latest: [String: Outcome]) -> String {
            var parts: [String] = []
            if let newest = failing.compactMap({ latest[$0] }).max(by: { $0.at < $1.at }) {
                let total = latest.count
                parts.append(
                    SyncDiagnosis.serviceAnswer(code: newest.code, httpStatus: newest.httpStatus)
                        + " for \(failing.count) of \(total) \(total == 1 ? "person" : "people")")
            } else if let directory {
                parts.append(
                    "the directory read: "
                        + SyncDiagnosis.serviceAnswer(code: directory.lastErrorCode, httpStatus: directory.lastErrorHTTPStatus))
            }
            let others = latest.values.filter { $0.failed && !failing.contains($0.instructorId) }.map(\.instructorId).sorted()
            parts += causes(of: others, latest)
            return Self.list(parts, limit: 6, separator: "; ")
        }

        static func list(_ items: [String], limit: Int, separator: String = ", ") -> String {
            items.count <= limit
                ? items.joined(separator: separator)
                : items.prefix(limit).joined(separator: separator) + " and \(items.count - limit) more"
        }
    }

    /// A service failure in a few words: "HTTP 503 serviceNotAvailable", or "no answer (…)" when none came. CalSync's
    /// own kinds ("transient", "throttled") are not the service's codes and are left out.
    public static func serviceAnswer(code: String?, httpStatus: Int?) -> String {
        guard let httpStatus else { return "no answer (timeout, reset or host unreachable)" }
        let serviceCode = code.flatMap { CalendarError.Kind(rawValue: $0) == nil ? $0 : nil }
        return "HTTP \(httpStatus)" + (serviceCode.map { " \($0)" } ?? "")
    }
}
