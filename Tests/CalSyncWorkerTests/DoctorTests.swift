import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncGraph
@testable import CalSyncWorker

/// `calsync doctor`'s checks (`Doctor`) against the emulator behind a real socket, over libcurl.
@Suite(.serialized) struct DoctorTests {
    static let noMailbox = EmulatorTenant.User(
        id: "u-nomail", displayName: "No Mailbox", mail: "nomail@contoso.example", userPrincipalName: "nomail@contoso.example",
        hasMailbox: false)

    func doctor(_ h: SyncHarness) -> Doctor { Doctor(store: h.store, providers: curlProviders(transport: h.transport)) }

    func examine(_ h: SyncHarness, _ integration: Integration? = nil, secretSource: String? = nil) async throws
        -> DoctorReport
    {
        let report = await doctor(h).examine(
            integrations: [integration ?? h.integration], instructors: try await h.store.instructors(),
            secretSources: secretSource.map { [(integration ?? h.integration).id: $0] } ?? [:])
        print(report.text)
        #expect(!report.text.contains(SyncHarness.secret), "the secret is never printed")
        return report
    }

    func seedAnaAndCleo(_ h: SyncHarness) async throws {
        try await h.add(Instructor(id: "i-ana", name: "Ana Lopez", email: "ana.lopez@contoso.example"))
        try await h.add(Instructor(id: "i-cleo", name: "Cleo Park", email: "cleo.alias@contoso.example"))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift Basics", start: Day.instant(3, 8), end: Day.instant(3, 16),
                instructorIds: ["i-ana", "i-cleo"]))
    }

    @Test func aHealthyIntegrationPassesEveryCheck() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        _ = try await h.cycle()

        let report = try await examine(h)
        #expect(report.healthy)
        let contoso = try #require(report.integration("contoso"))
        #expect(contoso.finding(.token)?.severity == .ok)
        #expect(contoso.finding(.consent)?.severity == .ok)
        #expect(contoso.finding(.directory)?.summary == "5 directory users listed")
        #expect(contoso.finding(.matching)?.severity == .ok)
        #expect(contoso.finding(.mailboxes)?.summary == "2 mailboxes read")
        #expect(contoso.finding(.recentSync)?.severity == .ok)
        #expect(contoso.verdict == .ok)
        #expect(contoso.unmatched.isEmpty && contoso.ambiguous.isEmpty && contoso.failingPeople.isEmpty)
        #expect(report.text.hasSuffix("Healthy: no problems found."))
    }

    @Test func aWrongSecretIsNamedWithWhereToFixIt() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        var wrong = h.integration
        wrong.m365.clientSecret = Secret("not-the-secret-value")

        let report = try await examine(h, wrong, secretSource: "the environment variable CONTOSO_SECRET")
        #expect(!report.healthy)
        let contoso = try #require(report.integration("contoso"))
        let token = try #require(contoso.finding(.token))
        #expect(token.severity == .problem)
        #expect(token.summary == "wrong client secret (AADSTS7000215)")
        #expect(
            token.details.contains { $0.contains("the environment variable CONTOSO_SECRET") && $0.contains("not its secret id") })
        // Nothing else can be checked without a token.
        #expect(contoso.finding(.mailboxes) == nil)
        #expect(!report.text.contains("not-the-secret-value"))
    }

    /// The token comes from the right login endpoint, but graphBaseURL points somewhere that is not Graph's v1.0:
    /// the directory check says so and names the URL to fix.
    @Test func aWrongGraphURLIsNamed() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        var wrong = h.integration
        wrong.m365.graphBaseURL = h.integration.m365.graphBaseURL.replacingOccurrences(of: "/v1.0", with: "/v2.0")
        let report = try await examine(h, wrong)
        let directory = try #require(report.integration("contoso")?.finding(.directory))
        #expect(directory.severity == .problem)
        #expect(directory.summary.contains("check graphBaseURL (\(wrong.m365.graphBaseURL))"))
    }

    @Test func anUnknownClientAndAnUnknownTenantAreNamed() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        var unknownClient = h.integration
        unknownClient.m365.clientId = "no-such-app"
        var unknownTenant = h.integration
        unknownTenant.id = "other"
        unknownTenant.m365.tenantId = "99999999-8888-7777-6666-555555555555"
        let report = await doctor(h).examine(integrations: [unknownClient, unknownTenant], instructors: [])
        print(report.text)
        #expect(report.integration("contoso")?.finding(.token)?.summary == "unknown client id (AADSTS700016)")
        #expect(report.integration("other")?.finding(.token)?.summary == "unknown tenant (AADSTS90002)")
    }

    @Test func anAppWithoutConsentGets403OnTheMailboxRead() async throws {
        let h = try await SyncHarness(
            users: Users.all,
            apps: [EmulatorTenant.App(clientId: "unconsented-app", clientSecret: "unconsented-secret", roles: [])])
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        var unconsented = h.integration
        unconsented.m365.clientId = "unconsented-app"
        unconsented.m365.clientSecret = Secret("unconsented-secret")

        let report = try await examine(h, unconsented)
        #expect(!report.healthy)
        let contoso = try #require(report.integration("contoso"))
        #expect(contoso.finding(.token)?.severity == .ok, "tokens are issued without consent")
        #expect(contoso.finding(.consent)?.severity == .problem)
        #expect(contoso.finding(.consent)?.summary.contains("admin consent has not been granted") == true)
        #expect(contoso.finding(.directory)?.severity == .problem)
        #expect(
            contoso.finding(.matching)?.summary == "not checked: the directory cannot be listed and no sync has been recorded")
        let mailboxes = try #require(contoso.finding(.mailboxes))
        #expect(mailboxes.severity == .problem)
        #expect(mailboxes.summary.contains("admin consent missing or an application access policy excludes"))
        #expect(contoso.unreachableMailboxes.map(\.instructorId) == ["i-ana", "i-cleo"])
    }

    @Test func failuresOfSomePeopleAreNamedWithUnmatchedAndAmbiguousOnes() async throws {
        let h = try await SyncHarness(users: Users.all + [Self.noMailbox])
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        try await h.add(Instructor(id: "i-nomail", name: "No Mailbox", email: "nomail@contoso.example"))
        try await h.add(Instructor(id: "i-zoe", name: "Zoe", email: "zoe@elsewhere.example"))
        try await h.add(Instructor(id: "i-desk", name: "Front desk", email: "desk@contoso.example"))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-2", title: "Testing", start: Day.instant(4, 8), end: Day.instant(4, 12),
                instructorIds: ["i-nomail", "i-ana"]))
        _ = try await h.cycle()

        let report = try await examine(h)
        #expect(!report.healthy)
        let contoso = try #require(report.integration("contoso"))
        #expect(contoso.unmatched.map(\.instructorId) == ["i-zoe"])
        #expect(contoso.unmatched.first?.reason.contains("no directory user has zoe@elsewhere.example") == true)
        #expect(contoso.ambiguous.map(\.instructorId) == ["i-desk"])
        #expect(contoso.ambiguous.first?.reason.contains("u-s1, u-s2") == true)
        #expect(contoso.finding(.matching)?.severity == .problem)

        let mailboxes = try #require(contoso.finding(.mailboxes))
        #expect(mailboxes.summary.hasPrefix("1 of 3 mailboxes cannot be read"))
        #expect(contoso.unreachableMailboxes.map(\.instructorId) == ["i-nomail"])
        #expect(contoso.unreachableMailboxes.first?.reason.contains("no Exchange Online mailbox") == true)

        #expect(contoso.verdict == .somePeople(failing: ["i-nomail"]))
        #expect(contoso.finding(.recentSync)?.summary.hasPrefix(SyncDiagnosis.somePeople) == true)
        let failing = try #require(contoso.failingPeople.first)
        #expect(contoso.failingPeople.count == 1)
        #expect(failing.instructorId == "i-nomail" && failing.name == "No Mailbox")
        #expect(failing.reason.contains("no Exchange Online mailbox"))
        #expect(failing.reason.contains("MailboxNotEnabledForRESTAPI"))
    }

    @Test func aDeleteAnswered404IsClassifiedAsAlreadyDeleted() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await seedAnaAndCleo(h)
        _ = try await h.cycle()
        // Ana deletes the pushed event herself; then the scheduler cancels the session (the real-time path).
        let pushed = try #require(h.emulator.storedEvents(userId: "u-ana").first { $0.tag != nil })
        try h.emulator.removeEvent(userId: "u-ana", eventId: pushed.id)
        try await h.store.write { db in
            guard var event = try db.trainingEvent(id: "t-1") else { return }
            event.status = .cancelled
            try db.saveTrainingEvent(event)
            try OutboxPlanner.enqueue(in: db, itemKind: .event, itemId: event.id, now: Date(), vocabularies: graphVocabularies)
        }
        await h.engine.drainOutbox()
        let delete = try #require(try await h.store.operations(instructorId: "i-ana").last)
        #expect(delete.action == .delete && delete.status == .success && delete.note == SyncDiagnosis.alreadyDeletedNote)

        let report = try await examine(h)
        #expect(report.healthy, "an event the person already deleted is not a problem")
        let contoso = try #require(report.integration("contoso"))
        #expect(contoso.alreadyDeleted.map(\.instructorId) == ["i-ana"])
        #expect(contoso.alreadyDeleted.map(\.itemId) == ["t-1"])
        let finding = try #require(contoso.finding(.alreadyDeleted))
        #expect(finding.severity == .info)
        #expect(finding.summary.contains("already deleted by the person"))
    }

    @Test func withoutAStoreOnlyTheConnectionIsChecked() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        let report = await Doctor(store: nil, providers: curlProviders(transport: h.transport)).examine(
            integrations: [h.integration], instructors: [Instructor(id: "i-ben", name: "Ben", email: "ben@contoso.example")])
        print(report.text)
        #expect(report.healthy)
        #expect(report.integration("contoso")?.finding(.recentSync)?.severity == .info)
        #expect(report.integration("contoso")?.finding(.mailboxes)?.summary == "1 mailbox read")
        #expect(
            await Doctor(store: nil, providers: curlProviders(transport: h.transport)).examine(integrations: [], instructors: [])
                .healthy == false)
    }

    /// Token errors are recorded with the OAuth error and the AADSTS number in one code ("invalid_client
    /// AADSTS7000215") and, for pulls, no HTTP status: they are still authentication failures.
    @Test func tokenErrorCodesCountAsAuthentication() {
        let t = Date()
        let pulls = ["a", "b"].map {
            SyncDiagnosis.Outcome(instructorId: $0, at: t, failed: true, code: "invalid_client AADSTS7000215")
        }
        #expect(
            SyncDiagnosis.verdict(
                status: .active, purgeRequested: false, matchedCount: 2, outcomes: pulls, vocabulary: GraphVocabulary())
                == .authentication)
        #expect(
            SyncDiagnosis.isAuthentication(code: "invalid_request AADSTS90002", httpStatus: nil, vocabulary: GraphVocabulary()))
        #expect(
            !SyncDiagnosis.isAuthentication(code: "MailboxNotEnabledForRESTAPI", httpStatus: 404, vocabulary: GraphVocabulary()))
    }

    @Test func rolesAreReadFromAJWTAndReadWriteCoversRead() {
        func jwt(_ claims: String) -> String {
            let payload = Data(claims.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            return "eyJhbGciOiJSUzI1NiJ9.\(payload).sig"
        }
        #expect(GraphConnectionDoctor.roles(inToken: jwt(#"{"roles":["Calendars.ReadWrite"]}"#)) == ["Calendars.ReadWrite"])
        #expect(GraphConnectionDoctor.roles(inToken: jwt(#"{"appid":"x"}"#)) == [])
        #expect(GraphConnectionDoctor.roles(inToken: "opaque-token") == nil)
        #expect(GraphConnectionDoctor.grants(["MailboxSettings.ReadWrite"], "MailboxSettings.Read"))
        #expect(!GraphConnectionDoctor.grants(["Calendars.Read"], "Calendars.ReadWrite"))
    }
}
