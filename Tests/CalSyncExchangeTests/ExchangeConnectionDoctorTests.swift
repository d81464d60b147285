import CalSyncCore
import CalSyncExchange
import Testing

/// The doctor's Exchange checks against the EWSEmulator: a good account, a wrong password, no impersonation role.
@Suite struct ExchangeConnectionDoctorTests {
    @Test func aGoodAccountPassesEveryCheck() async throws {
        let h = try ExchangeHarness()
        let checks = await ExchangeConnectionDoctor(provider: h.provider).check(impersonating: ExchangeHarness.jane)
        #expect(checks.canContinue)
        #expect(checks.findings.map(\.severity) == [.ok, .ok, .ok])
        #expect(checks.findings.last?.summary.contains(ExchangeHarness.jane) == true)
    }

    @Test func aWrongPasswordIsNamedAndTriedOnce() async throws {
        let h = try ExchangeHarness()
        let provider = h.provider(username: ExchangeHarness.account, password: "wrong")
        let checks = await ExchangeConnectionDoctor(provider: provider).check(impersonating: ExchangeHarness.jane)
        #expect(!checks.canContinue)
        let logon = try #require(checks.findings.last)
        #expect(logon.check == .token && logon.severity == .problem)
        #expect(logon.summary.contains("password"))
        #expect(!logon.details.joined().contains("wrong"))
        #expect(h.stats?.failedLogons == 1)
    }

    @Test func aMissingRoleNamesTheAssignmentToRun() async throws {
        let h = try ExchangeHarness()
        let provider = h.provider(username: "svc-norole@contoso.example", password: "NoRole-Demo-2026!")
        let checks = await ExchangeConnectionDoctor(provider: provider).check(impersonating: ExchangeHarness.jane)
        #expect(!checks.canContinue)
        let role = try #require(checks.findings.last)
        #expect(role.check == .consent && role.severity == .problem)
        #expect(role.details.contains { $0.contains("New-ManagementRoleAssignment") })
    }
}
