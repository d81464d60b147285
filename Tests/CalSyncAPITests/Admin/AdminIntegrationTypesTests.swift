import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// The create form names the calendar systems and judges its type as `POST /v1/integrations` does.
@Suite struct AdminIntegrationTypesTests {
    func signedIn() async throws -> AdminBrowser {
        let browser = AdminBrowser(try APITestHarness(now: AdminFixture.now))
        await browser.signIn()
        return browser
    }

    let fields: [(String, String)] = [
        ("name", "Contoso"), ("tenantId", "contoso.onmicrosoft.com"), ("clientId", "0c9d8e7f-6a5b-4c3d"),
        ("clientSecret", AdminFixture.secret), ("establishments", ""), ("graphBaseURL", ""), ("authorityHost", ""),
    ]

    @Test func theFormOffersEveryType() async throws {
        let browser = try await signedIn()
        let page = await browser.get("/admin/integrations")
        #expect(page.html.contains(#"<select id="new-type" name="type">"#))
        #expect(page.html.contains(#"<option value="microsoft365" selected>Microsoft 365</option>"#))
        #expect(page.html.contains(#"<option value="exchange">Exchange Server</option>"#))
        #expect(page.html.contains(#"<option value="google">Google Workspace</option>"#))
        #expect(page.html.contains(#"<input type="hidden" name="type" value="microsoft365">"#))
        #expect(page.html.contains(#"name="tenantId""#) && !page.html.contains(#"name="ewsURL""#))
    }

    @Test func fieldsOfAnotherTypeAreRefusedAndWhatWasTypedKept() async throws {
        let browser = try await signedIn()
        _ = await browser.get("/admin/integrations")
        let page = await browser.post("/admin/integrations", fields + [("type", "google")])
        #expect(page.status == 422)
        #expect(page.html.contains("is a field of microsoft365 integrations, not of google ones."))
        #expect(page.html.contains(#"<option value="google" selected>"#))
        #expect(!page.html.contains(AdminFixture.secret))
        #expect(await browser.harness.send(.get, "/v1/integrations").items.isEmpty)

        let unknown = await browser.post("/admin/integrations", fields + [("type", "caldav")])
        #expect(unknown.status == 422)
        #expect(unknown.html.contains("`type` must be microsoft365 or exchange or google."))

        let created = await browser.post("/admin/integrations", fields + [("type", "microsoft365")])
        #expect(created.html.contains("Integration Contoso created."))
        #expect(await browser.harness.send(.get, "/v1/integrations").items.first?["type"] as? String == "microsoft365")
    }
}
