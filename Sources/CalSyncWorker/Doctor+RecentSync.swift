import CalSyncCore
import Foundation

// MARK: - The operations log

extension Doctor {
    /// Classifies the recent pulls and pushes with `SyncDiagnosis` (people whose sync is off do not count) and names the
    /// failing people with the likely cause of each.
    func checkLog(_ integration: Integration, instructors: [Instructor], into report: inout DoctorReport.IntegrationReport) async
    {
        guard let store else {
            report.add(.recentSync, .info, "no database: no sync history to classify")
            return
        }
        let evidence: SyncDiagnosis.Evidence
        let purgeRequested: Bool
        do {
            evidence = try await SyncDiagnosis.Evidence.load(
                integrationId: integration.id, store: store,
                vocabulary: providers.vocabularies.vocabulary(for: integration), recent: recentOperations)
            purgeRequested = try await store.purgeRequestedAt(integrationId: integration.id) != nil
        } catch {
            report.add(.recentSync, .problem, "the sync history cannot be read: \(error)")
            return
        }
        let outcomes = evidence.outcomes
        if outcomes.isEmpty, evidence.matches.isEmpty {
            report.add(.recentSync, .info, "no sync recorded yet for this integration")
            return
        }
        let verdict = evidence.verdict(integration, purgeRequested: purgeRequested)
        let sentence = verdict.sentence(evidence.vocabulary.advice(for: integration.connection))
        report.verdict = verdict
        let names = Dictionary(instructors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = SyncDiagnosis.counted(outcomes, syncOff: evidence.syncOff)
        report.failingPeople = latest.values.filter(\.failed).sorted { $0.instructorId < $1.instructorId }.map { outcome in
            let vocabulary = evidence.vocabulary
            var reason = SyncDiagnosis.personalCause(code: outcome.code, httpStatus: outcome.httpStatus, vocabulary: vocabulary)
            if verdict == .authentication
                || SyncDiagnosis.isAuthentication(code: outcome.code, httpStatus: outcome.httpStatus, vocabulary: vocabulary)
            {
                reason = "authentication refused"
            } else if SyncDiagnosis.isServiceFailure(code: outcome.code, httpStatus: outcome.httpStatus) {
                reason = "the calendar service failed"
            }
            let code = [outcome.code, outcome.httpStatus.map { "HTTP \($0)" }].compactMap { $0 }.joined(separator: ", ")
            if !code.isEmpty { reason += " [\(code)]" }
            if let message = outcome.message, !message.isEmpty { reason += ": " + Self.clip(message) }
            let person = names[outcome.instructorId]
            return DoctorReport.Person(
                instructorId: outcome.instructorId, name: person?.name ?? "?",
                email: person?.email ?? "?", reason: reason)
        }
        let people = report.failingPeople.map(\.line)
        switch verdict {
        case .ok, .inactive, .purging:
            report.add(
                .recentSync, verdict == .ok ? .ok : .info,
                "\(sentence) (\(outcomes.count) recent pull\(outcomes.count == 1 ? "" : "s") and pushes)")
        case .authentication:
            report.add(
                .recentSync, .problem, "\(sentence) (credentials, consent or URL; see the checks above)",
                details: people)
        case .outage(let failing):
            let scope =
                failing.isEmpty
                ? "the directory read fails" : "\(failing.count) of \(latest.count) \(latest.count == 1 ? "person" : "people")"
            report.add(.recentSync, .problem, "\(sentence) (\(scope))", details: people)
        case .somePeople(let failing):
            report.add(
                .recentSync, .problem,
                "\(sentence) (\(failing.count) of \(latest.count) people: mailbox or e-mail mismatch)", details: people)
        case .everyone, .noneMatched, .directoryFailing:
            report.add(.recentSync, .problem, sentence, details: people)
        }
        let deleted = evidence.alreadyDeleted
        if !deleted.isEmpty {
            report.alreadyDeleted = deleted.map(\.key)
            report.add(
                .alreadyDeleted, .info,
                "\(deleted.count) event\(deleted.count == 1 ? " was" : "s were") already deleted by the person when CalSync "
                    + "deleted \(deleted.count == 1 ? "it" : "them") (404 on delete): done, nothing to fix",
                details: deleted.prefix(10).map { Self.item($0.key) + " of \($0.key.instructorId)" })
        }
    }

    /// "absence a-1 (days)": the scheduler's id of the item, and which calendar entry of an absence.
    static func item(_ key: PushKey) -> String {
        "\(key.itemKind.rawValue) \(key.schedulerItemId)" + (key.part.map { " (\($0))" } ?? "")
    }
}
