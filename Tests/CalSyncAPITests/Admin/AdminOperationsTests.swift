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
            h.store, integrationId: "m365", instructorId: "i-ana", status: .error, errorCode: "ErrorAccessDenied", httpStatus: 403
        )
        let done = try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ben", itemId: "e-2", status: .success)
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

// MARK: - Retrying operations and absence parts

extension AdminOperationsTests {
    /// A push failing over and over shows as `retrying` under its own filter, with a count on the status page; an
    /// absence's operation shows the absence's id and which calendar entry it is.
    @Test func retryingOperationsHaveAFilterAndACountAndAbsencesShowTheirPart() async throws {
        let (browser, failed, _) = try await seeded()
        let store = browser.harness.store
        let retrying = try await store.appendOperation(
            OperationRecord(
                key: PushKey(integrationId: "m365", itemKind: .absence, itemId: "a-ana~days", instructorId: "i-ana"),
                action: .create, attempts: 87, createdAt: AdminFixture.now, lastAttemptAt: AdminFixture.now,
                errorCode: "serviceNotAvailable", httpStatus: 503))
        let page = await browser.get("/admin/operations?status=retrying")
        #expect(page.status == 200)
        #expect(page.html.contains("href=\"/admin/operations/\(retrying)\""))
        #expect(!page.html.contains("href=\"/admin/operations/\(failed)\""))
        #expect(page.html.contains("<option value=\"retrying\" selected>retrying</option>"))
        #expect(page.html.contains("absence <code>a-ana</code> (days)"))
        #expect(page.html.contains("<span class=\"badge warn\">retrying</span>"))
        #expect(!page.html.contains("a-ana~days"))
        let detail = await browser.get("/admin/operations/\(retrying)")
        #expect(detail.html.contains("<dt>Status</dt><dd><span class=\"badge warn\">retrying</span></dd>"))
        #expect(detail.html.contains("create of absence <code>a-ana</code> (days)"))

        let status = await browser.get("/admin/status")
        #expect(status.html.contains("<a href=\"/admin/operations?status=retrying\">1 retrying</a>"))
        #expect(status.html.contains("<a href=\"/admin/operations?status=error\">1 failed</a>"))
        #expect(status.html.contains("<a href=\"/admin/operations?status=pending\">0 waiting</a>"))
    }
}
