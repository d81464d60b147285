import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AdminInstructorsTests {
    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedPerson(h.store, "i-zoe", establishment: "paris", integrationId: "m365", matched: false)
        return AdminBrowser(h)
    }

    func syncEnabled(_ browser: AdminBrowser, _ id: String) async -> Bool? {
        await browser.harness.send(.get, "/v1/instructors/\(id)", token: .reader).json["syncEnabled"] as? Bool
    }

    @Test func stoppingAndStartingSyncIsWhatTheAPIThenReports() async throws {
        let browser = try await seeded()
        await browser.signIn()
        let list = await browser.get("/admin/instructors")
        #expect(list.status == 200)
        #expect(list.html.contains("Person i-ana"))
        #expect(list.html.contains("Stop sync"))
        #expect(list.html.contains("<th scope=\"col\">Action</th>"))

        let stopped = await browser.post("/admin/instructors/i-ana/sync", [("enabled", "false")])
        #expect(stopped.status == 200)
        #expect(stopped.html.contains("Sync stopped for Person i-ana."))
        #expect(await syncEnabled(browser, "i-ana") == false)

        let started = await browser.post("/admin/instructors/i-ana/sync", [("enabled", "true"), ("return", "sync-off")])
        #expect(started.html.contains("Sync started for Person i-ana."))
        #expect(started.html.contains("<h1>Instructors</h1>"))
        #expect(await syncEnabled(browser, "i-ana") == true)
        // Enabling again catches the person up at once, as through the API.
        #expect(browser.harness.control.catchUps.last?.instructorId == "i-ana")
    }

    @Test func aPostWithoutOrWithAWrongCSRFTokenIsRefusedAndChangesNothing() async throws {
        let browser = try await seeded()
        await browser.signIn()
        _ = await browser.get("/admin/instructors")
        let none = await browser.post("/admin/instructors/i-ana/sync", [("enabled", "false")], csrf: "")
        #expect(none.status == 403)
        #expect(none.html.contains("This form has expired or did not come from this site."))
        let wrong = await browser.post(
            "/admin/instructors/i-ana/sync", [("enabled", "false")], csrf: String(repeating: "a", count: 64))
        #expect(wrong.status == 403)
        let crossSite = await browser.post(
            "/admin/instructors/i-ana/sync", [("enabled", "false")], headers: ["Origin": "https://evil.example"])
        #expect(crossSite.status == 403)
        #expect(await syncEnabled(browser, "i-ana") == true)
    }

    @Test func readersSeeReadOnlyPages() async throws {
        let browser = try await seeded()
        let landing = await browser.signIn(.reader)
        #expect(landing.html.contains("<h1>Instructors</h1>"))
        #expect(landing.html.contains("Signed in (reader, read-only)"))
        // The only form that changes something a reader gets is sign-out (the search form only reads).
        #expect(landing.html.components(separatedBy: "<form").filter { $0.contains("method=\"post\"") }.count == 1)
        #expect(!landing.html.contains("Stop sync"))
        #expect(!landing.html.contains(">Integrations</a>"))
        let post = await browser.post("/admin/instructors/i-ana/sync", [("enabled", "false")])
        #expect(post.status == 403)
        #expect(await syncEnabled(browser, "i-ana") == true)
        #expect(await browser.get("/admin/integrations").status == 403)
        #expect(await browser.get("/admin/operations").status == 403)
        #expect(await browser.get("/admin/status").status == 403)
    }

    @Test func filtersShowTheRightPeopleWithTheirReason() async throws {
        let browser = try await seeded()
        await browser.signIn()
        let unmatched = await browser.get("/admin/instructors?show=unmatched")
        #expect(unmatched.html.contains("Person i-zoe"))
        #expect(!unmatched.html.contains("Person i-ana"))
        #expect(unmatched.html.contains("unmatched"))
        _ = await browser.post("/admin/instructors/i-ana/sync", [("enabled", "false")])
        let off = await browser.get("/admin/instructors?show=sync-off")
        #expect(off.html.contains("Person i-ana"))
        #expect(!off.html.contains("Person i-zoe"))
        let bad = await browser.get("/admin/instructors?show=everything")
        #expect(bad.status == 400)
        #expect(bad.html.contains("`show` must be one of: all, unmatched, sync-off, errors."))
    }

    @Test func badFormsGetAClearErrorNotA500() async throws {
        let browser = try await seeded()
        await browser.signIn()
        _ = await browser.get("/admin/instructors")
        #expect(await browser.post("/admin/instructors/i-ana/sync", [("enabled", "maybe")]).status == 400)
        #expect(await browser.post("/admin/instructors/i-ana/sync", [("enabled", "false"), ("extra", "1")]).status == 400)
        #expect(await browser.post("/admin/instructors/nobody/sync", [("enabled", "false")]).status == 404)
        let json = await browser.send(.post, "/admin/instructors/i-ana/sync", body: nil, follow: false)
        #expect(json.status == 415)
        #expect(await syncEnabled(browser, "i-ana") == true)
    }

    @Test func hostileNamesAreShownAsText() async throws {
        let browser = try await seeded()
        try await browser.harness.store.saveInstructor(
            Instructor(id: "i-x", name: "<img src=x onerror=alert(1)>", email: "x\"@contoso.com", establishment: "paris"))
        await browser.signIn()
        let page = await browser.get("/admin/instructors")
        #expect(page.html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.html.contains("<img src=x"))
        #expect(page.html.contains("x&quot;@contoso.com"))
    }
}
