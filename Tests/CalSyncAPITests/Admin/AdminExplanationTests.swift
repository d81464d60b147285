import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// Beside a raw Graph error, what it means and how to fix it, in the doctor's words.
@Suite struct AdminExplanationTests {
    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: nil, integrationId: "m365")
        try await AdminFixture.seedPerson(h.store, "i-ben", establishment: nil, integrationId: "m365")
        try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", status: .error, errorCode: "ErrorAccessDenied", httpStatus: 403
        )
        try await AdminFixture.seedPull(h.store, "i-ana", integrationId: "m365")
        try await AdminFixture.seedPull(
            h.store, "i-ben", integrationId: "m365", errorCode: "MailboxNotEnabledForRESTAPI",
            message: "REST API is not yet supported for this mailbox.")
        let browser = AdminBrowser(h)
        await browser.signIn()
        return browser
    }

    @Test func anOperationsErrorIsExplainedWithItsFix() async throws {
        let browser = try await seeded()
        let detail = await browser.get("/admin/operations/1")
        #expect(detail.html.contains("<dt>Error code</dt><dd>ErrorAccessDenied</dd>"))
        #expect(
            detail.html.contains(
                "<dt>What it means</dt><dd><span class=\"explain\">Access to this mailbox is denied (an application access policy excludes it, or consent is missing). Fix: Grant admin consent"
            ))
        let log = await browser.get("/admin/operations")
        #expect(log.html.contains("<code>ErrorAccessDenied</code><br><span class=\"explain\">Access to this mailbox is denied"))
    }

    @Test func aPersonsPullErrorIsExplained() async throws {
        let browser = try await seeded()
        let people = await browser.get("/admin/instructors?show=errors")
        #expect(people.html.contains("REST API is not yet supported for this mailbox."))
        #expect(
            people.html.contains(
                "No Exchange Online mailbox (none, inactive, or on-premises). Fix: Give the person an Exchange Online mailbox"))
    }

    @Test func theStatusPageExplainsAWrongSecret() async throws {
        let browser = try await seeded()
        try await browser.harness.store.recordDirectoryFailure(
            integrationId: "m365", at: AdminFixture.now.addingTimeInterval(120), code: "invalid_client AADSTS7000215",
            httpStatus: 401, message: "Invalid client secret provided.")
        let status = await browser.get("/admin/status")
        #expect(status.html.contains("<code>invalid_client AADSTS7000215</code> Invalid client secret provided."))
        #expect(
            status.html.contains(
                "Wrong client secret (AADSTS7000215). Fix: Put the secret&#39;s value (not its secret id) of app client in the integration&#39;s client secret."
            ))
        #expect(!status.html.contains(AdminFixture.secret))
    }
}
