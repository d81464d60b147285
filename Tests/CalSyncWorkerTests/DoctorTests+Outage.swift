import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncGraph
@testable import CalSyncWorker

/// Graph answers 503 to everything while one person's sync is switched off (their pull from before was fine): the
/// status and `calsync doctor` name an outage of the calendar service, not "some people's mailboxes".
extension DoctorTests {
    @Test func graphAnswering503ToEverythingIsAnOutageNotSomePeoplesMailboxes() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        _ = try await h.cycle()
        try await h.store.setSyncEnabled(instructorId: "i-cleo", enabled: false)
        h.emulator.updateFaults { faults in
            faults.unavailable503 = 1
            faults.retryAfterSeconds = 0.01...0.02
        }
        let cycle = try await h.cycle()
        #expect(cycle.errorCount > 0)
        let pull = try #require(try await h.store.syncState(integrationId: "contoso", instructorId: "i-ana"))
        #expect(pull.lastErrorHTTPStatus == 503, "the pull's HTTP status is kept for the diagnosis")

        let evidence = try await SyncDiagnosis.Evidence.load(
            integrationId: "contoso", store: h.store, vocabulary: GraphVocabulary())
        #expect(evidence.verdict(h.integration, purgeRequested: false) == .outage(failing: ["i-ana"]))
        let diagnosis = evidence.diagnosis(h.integration, purgeRequested: false)
        #expect(diagnosis.hasPrefix(SyncDiagnosis.outage + " (HTTP 503 serviceNotAvailable for 1 of 1 person)"), "\(diagnosis)")

        let report = try await examine(h)
        #expect(!report.healthy)
        let contoso = try #require(report.integration("contoso"))
        #expect(contoso.verdict == .outage(failing: ["i-ana"]))
        let recent = try #require(contoso.finding(.recentSync))
        #expect(recent.summary.hasPrefix(SyncDiagnosis.outage))
        #expect(contoso.failingPeople.map(\.instructorId) == ["i-ana"], "Cleo's sync is off: she does not count")
        #expect(contoso.failingPeople.first?.reason.hasPrefix("the calendar service failed") == true)
        #expect(contoso.finding(.directory)?.summary.contains("outage of the calendar service (HTTP 503") == true)
        let mailboxes = try #require(contoso.finding(.mailboxes))
        #expect(mailboxes.summary.contains("outage of the calendar service"), "\(mailboxes.summary)")
        #expect(!report.text.contains("mailbox or e-mail"), "\(report.text)")
    }
}
