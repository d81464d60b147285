import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncAPI

/// "Test connection" on an integration's page: the doctor's checks against the emulated tenant, shown on the page,
/// changing nothing and never showing the secret.
@Suite struct AdminConnectionTestTests {
    static let roles = ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"]

    func browser(secret: String = AdminFixture.secret, roles: [String] = roles) async throws -> AdminBrowser {
        let tenant = EmulatorTenant(
            tenantId: "tenant", domain: "contoso.com", apps: [.init(clientId: "client", clientSecret: secret, roles: roles)],
            users: [.init(id: "u-i-ana", displayName: "Ana", mail: "i-ana@contoso.com", userPrincipalName: "i-ana@contoso.com")])
        let h = try APITestHarness(now: AdminFixture.now, graph: GraphEmulator(tenant: tenant, zones: .bundled))
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: nil, integrationId: "m365")
        let browser = AdminBrowser(h)
        await browser.signIn()
        return browser
    }

    @Test func aWorkingConnectionSaysSoCheckByCheck() async throws {
        let browser = try await browser()
        let page = await browser.get("/admin/integrations/m365")
        #expect(page.html.contains(">Test connection</button>"))
        let tested = await browser.post("/admin/integrations/m365/test")
        #expect(tested.status == 200)
        #expect(tested.html.contains("<strong>The connection works.</strong>"))
        for check in ["token", "consent", "directory", "matching", "mailboxes"] {
            #expect(
                tested.html.contains("<li class=\"check-ok\"><span class=\"badge good\">ok</span> <strong>\(check)</strong>"),
                "\(check)")
        }
        #expect(tested.html.contains("1 directory user listed"))
        #expect(!tested.html.contains(AdminFixture.secret))
        #expect(!tested.html.contains("recent sync"), "the connection test leaves the log to the status page")
    }

    @Test func aWrongSecretIsNamedWithItsFixAndNothingChanges() async throws {
        let browser = try await browser(secret: "the-tenant-has-another-secret")
        _ = await browser.get("/admin/integrations/m365")
        let before = try #require(try await browser.harness.store.integration(id: "m365"))
        let tested = await browser.post("/admin/integrations/m365/test")
        #expect(tested.html.contains("<strong>The connection does not work:</strong>"))
        #expect(tested.html.contains("<strong>token</strong>: wrong client secret (AADSTS7000215)"))
        #expect(tested.html.contains("put the secret&#39;s value (not its secret id) of app client"))
        #expect(!tested.html.contains(AdminFixture.secret))
        #expect(!tested.html.contains("the-tenant-has-another-secret"))
        #expect(try await browser.harness.store.integration(id: "m365") == before)
        #expect(browser.harness.control.syncRequests.isEmpty)
    }

    @Test func anUnmatchedPersonIsNotAFailingConnection() async throws {
        let browser = try await browser()
        try await browser.harness.store.saveInstructor(Instructor(id: "i-zed", name: "Zed", email: "zed@elsewhere.example"))
        _ = await browser.get("/admin/integrations/m365")
        let tested = await browser.post("/admin/integrations/m365/test")
        #expect(tested.html.contains("<strong>The connection works</strong>, but some people need attention:"))
        #expect(tested.html.contains("unmatched i-zed (Zed, zed@elsewhere.example)"))
    }

    @Test func missingConsentIsNamed() async throws {
        let browser = try await browser(roles: ["Calendars.ReadWrite"])
        _ = await browser.get("/admin/integrations/m365")
        let tested = await browser.post("/admin/integrations/m365/test")
        #expect(
            tested.html.contains("<strong>consent</strong>: application permissions missing: MailboxSettings.Read, User.Read.All")
        )
    }

    @Test func withoutADoctorTheButtonIsNotOfferedAndTheFormIsRefused() async throws {
        let browser = AdminBrowser(try APITestHarness(now: AdminFixture.now))
        try await AdminFixture.seedIntegration(browser.harness.store, "m365")
        await browser.signIn()
        let page = await browser.get("/admin/integrations/m365")
        #expect(!page.html.contains(">Test connection</button>"))
        #expect(page.html.contains("run <code>calsync doctor</code>"))
        #expect(await browser.post("/admin/integrations/m365/test").status == 409)
        #expect(await browser.post("/admin/integrations/ghost/test").status == 404)
        let reader = AdminBrowser(browser.harness)
        await reader.signIn(.reader)
        #expect(await reader.post("/admin/integrations/m365/test").status == 403)
    }

    /// Checks that get no answer in time say what to check, in Microsoft 365's words.
    @Test func checksWithoutAnAnswerNameTheSettingsToCheck() {
        let integration = Integration(id: "m365", name: "M", tenantId: "t", clientId: "c", clientSecret: Secret("s"))
        let html = ConnectionSection.outcome(
            .timedOut(seconds: 20), advice: GraphVocabulary().advice(for: integration.connection)
        ).rendered
        #expect(
            html.contains(
                "<strong>No answer within 20 s:</strong> the login endpoint or Microsoft Graph is not answering. Check the "
                    + "network, authorityHost and graphBaseURL."), "\(html)")
    }
}
