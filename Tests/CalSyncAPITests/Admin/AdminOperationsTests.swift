import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AdminOperationsTests {
    func seeded() async throws -> (AdminBrowser, failed: Int64, done: Int64) {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedPerson(h.store, "i-ben", establishment: "paris", integrationId: "m365")
        let failed = try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", status: .error, errorCode: "ErrorAccessDenied", httpStatus: 403)
        let done = try await AdminFixture.seedOperation(h.store, integrationId: "m365", instructorId: "i-ben", itemId: "e-2", status: .success)
        let browser = AdminBrowser(h)
        await browser.signIn()
        return (browser, failed, done)
    }

    @Test func theLogFiltersByStatusPersonAndIntegration() async throws {
        let (browser, failed, done) = try await seeded()
        let all = await browser.get("/admin/operations")
        #expect(all.html.contains("href=\"/admin/operations/\(failed)\""))
        #expect(all.html.contains("href=\"/admin/operations/\(done)\""))
        let errors = await browser.get("/admin/operations?status=error")
        #expect(errors.html.contains("href=\"/admin/operations/\(failed)\""))
        #expect(!errors.html.contains("href=\"/admin/operations/\(done)\""))
        let ben = await browser.get("/admin/operations?instructorId=i-ben&integrationId=m365&status=")
        #expect(!ben.html.contains("href=\"/admin/operations/\(failed)\""))
        #expect(ben.html.contains("href=\"/admin/operations/\(done)\""))
        #expect(await browser.get("/admin/operations?status=weird").status == 400)
    }

    @Test func theDetailShowsTheErrorAndRetryMakesItPendingAgain() async throws {
        let (browser, failed, done) = try await seeded()
        let detail = await browser.get("/admin/operations/\(failed)")
        #expect(detail.html.contains("<dt>Error code</dt><dd>ErrorAccessDenied</dd>"))
        #expect(detail.html.contains("<dt>HTTP status</dt><dd>403</dd>"))
        #expect(detail.html.contains("<dt>Message</dt><dd>The push failed.</dd>"))
        #expect(detail.html.contains(">Retry</button>"))
        let retried = await browser.post("/admin/operations/\(failed)/retry")
        #expect(retried.html.contains("Operation \(failed) will be retried."))
        let api = await browser.harness.send(.get, "/v1/sync/operations?status=pending")
        #expect(api.items.map { $0["id"] as? String } == [String(failed)])
        #expect(browser.harness.control.wakes > 0)
        // A succeeded operation cannot be retried: a clear 409 page.
        _ = await browser.get("/admin/operations/\(done)")
        let refused = await browser.post("/admin/operations/\(done)/retry")
        #expect(refused.status == 409)
        #expect(refused.html.contains("succeeded; there is nothing to retry"))
    }

    @Test func markAsProcessedIsFinal() async throws {
        let (browser, failed, _) = try await seeded()
        _ = await browser.get("/admin/operations/\(failed)")
        let marked = await browser.post("/admin/operations/\(failed)/mark-processed")
        #expect(marked.html.contains("is marked processed"))
        #expect(!marked.html.contains(">Retry</button>"))
        let api = await browser.harness.send(.get, "/v1/sync/operations?status=processed")
        #expect(api.items.count == 1)
        #expect(await browser.get("/admin/operations/999999").status == 404)
        #expect(await browser.get("/admin/operations/abc").status == 404)
    }
}
