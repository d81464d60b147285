import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation
import Testing

@testable import CalSyncAPI

/// An Exchange Server integration on the admin pages: the create form of its own fields, its page (never the
/// password), a new password, and "Test connection" against the EWSEmulator in process.
@Suite struct AdminExchangeIntegrationTests {
    static let password = "Calsync-Demo-2026!"

    func signedIn() async throws -> AdminBrowser {
        let tenant = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "fixtures/tenants/exchange-contoso.json")
        let emulator = EWSEmulator(tenant: try EWSTenant(contentsOf: tenant.path))
        let browser = AdminBrowser(try APITestHarness(now: AdminFixture.now, graph: emulator))
        await browser.signIn()
        return browser
    }

    func create(_ browser: AdminBrowser, password: String = password) async -> AdminBrowser.Page {
        _ = await browser.get("/admin/integrations?type=exchange")
        return await browser.post(
            "/admin/integrations",
            [
                ("type", "exchange"), ("name", "Contoso (Exchange)"), ("ewsURL", "http://127.0.0.1:8091/EWS/Exchange.asmx"),
                ("username", #"CONTOSO\svc-calsync"#), ("password", password), ("establishments", "paris"),
                ("authScheme", "basic"), ("caFile", ""), ("serverVersion", ""), ("inFlightLimit", "4"),
            ])
    }

    @Test func theExchangeFormAsksForItsOwnFields() async throws {
        let browser = try await signedIn()
        let page = await browser.get("/admin/integrations?type=exchange")
        #expect(page.html.contains(#"<option value="exchange" selected>Exchange Server</option>"#))
        #expect(page.html.contains(#"<input type="hidden" name="type" value="exchange">"#))
        for name in ["ewsURL", "username", "caFile", "serverVersion", "inFlightLimit"] {
            #expect(page.html.contains(#"name="\#(name)""#), "\(name)")
        }
        #expect(page.html.contains(#"<input id="new-password" name="password" type="password""#))
        #expect(page.html.contains(#"<select id="new-auth" name="authScheme"><option value="ntlm">ntlm</option>"#))
        #expect(!page.html.contains(#"name="tenantId""#))
    }

    @Test func anExchangeIntegrationIsCreatedShownAndItsConnectionTested() async throws {
        let browser = try await signedIn()
        let created = await create(browser)
        #expect(created.html.contains("Integration Contoso (Exchange) created."), "\(created.html)")
        let integration = try #require(try await browser.harness.store.integrations().first)
        let exchange = try #require(integration.connection.exchange)
        #expect(exchange.authScheme == .basic && exchange.inFlightLimit == 4 && exchange.caFile == nil)
        #expect(exchange.serverVersion == "Exchange2013_SP1")
        #expect(created.html.contains("<dt>EWS URL</dt><dd>http://127.0.0.1:8091/EWS/Exchange.asmx</dd>"))
        #expect(created.html.contains(#"<dt>Service account</dt><dd>CONTOSO\svc-calsync</dd>"#))
        #expect(created.html.contains("<dt>In-flight limit</dt><dd>4</dd>"))
        #expect(created.html.contains("<dt>Password</dt><dd>set (write-only: never shown)</dd>"))
        #expect(!created.html.contains(Self.password))

        _ = try await browser.harness.store.saveInstructor(
            Instructor(id: "i-jane", name: "Jane Doe", email: "jane.doe@contoso.example", establishment: "paris"))
        let tested = await browser.post("/admin/integrations/\(integration.id)/test")
        #expect(tested.html.contains("<strong>The connection works.</strong>"), "\(tested.html)")
        #expect(tested.html.contains("1 directory user listed"))
        #expect(tested.html.contains(#"basic logon as CONTOSO\svc-calsync"#))

        // A new password: the next test uses it (and Exchange refuses it).
        _ = await browser.get("/admin/integrations/\(integration.id)")
        let replaced = await browser.post("/admin/integrations/\(integration.id)/secret", [("password", "Not-The-Password-1")])
        #expect(replaced.html.contains("The password of Contoso (Exchange) was replaced."))
        #expect(
            try await browser.harness.store.integration(id: integration.id)?.connection.secret.revealed == "Not-The-Password-1")
        let refused = await browser.post("/admin/integrations/\(integration.id)/test")
        #expect(refused.html.contains("<strong>The connection does not work:</strong>"))
        #expect(refused.html.contains("user name or password"))
        #expect(!refused.html.contains("Not-The-Password-1"))
    }

    @Test func aRefusedExchangeFormKeepsWhatWasTypedButThePassword() async throws {
        let browser = try await signedIn()
        _ = await browser.get("/admin/integrations?type=exchange")
        let page = await browser.post(
            "/admin/integrations",
            [
                ("type", "exchange"), ("name", "Contoso"), ("ewsURL", "http://mail.contoso.com/EWS/Exchange.asmx"),
                ("username", "svc"), ("password", Self.password), ("inFlightLimit", "lots"),
            ])
        #expect(page.status == 422)
        #expect(page.html.contains("`inFlightLimit` must be a whole number."))
        #expect(page.html.contains(#"value="http://mail.contoso.com/EWS/Exchange.asmx""#))
        #expect(page.html.contains(#"<input type="hidden" name="type" value="exchange">"#))
        #expect(!page.html.contains(Self.password))
        #expect(try await browser.harness.store.integrations().isEmpty)
    }
}
