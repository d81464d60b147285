import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// Every page, as an admin would reach them from the navigation bar: each answers 200, none prints a secret.
@Suite struct AdminPagesTests {
    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedEvent(h.store, "e-1", hours: 34, instructors: ["i-ana"])
        try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", status: .error, httpStatus: 404)
        return AdminBrowser(h)
    }

    /// The links of a page that stay on the admin pages.
    func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { part in
            let link = String(part.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            return link.hasPrefix("/admin") ? link : nil
        }
    }

    @Test func everyPageAnswers200AndNoneShowsASecret() async throws {
        let browser = try await seeded()
        let signIn = await browser.get("/admin/sign-in")
        await browser.signIn()
        var seen = Set<String>()
        var weeks = Set<String>()  // one week per week view: the previous / next links go on forever
        var queue = ["/admin"]
        var pages: [String: AdminBrowser.Page] = ["/admin/sign-in": signIn]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next).inserted else { continue }
            let page = next.components(separatedBy: "week=").first ?? next
            guard weeks.insert(page).inserted || !next.contains("week=") else { continue }
            let answer = await browser.get(next)
            pages[next] = answer
            #expect(answer.status == 200, "\(next)")
            queue += links(answer.html).filter { !seen.contains($0) }
        }
        for path in [
            "/admin/status", "/admin/instructors", "/admin/integrations", "/admin/operations", "/admin/availability",
            "/admin/availability/team",
        ] {
            #expect(seen.contains(path), "\(path) is not reachable from the navigation")
        }
        #expect(seen.contains("/admin/integrations/m365"))
        #expect(seen.contains("/admin/operations/1"))
        #expect(seen.contains { $0.hasPrefix("/admin/availability?instructor=i-ana") })
        let secrets = [
            AdminFixture.secret, APITestHarness.Token.admin.rawValue, APITestHarness.Token.reader.rawValue,
            APITestHarness.Token.scheduler.rawValue, try #require(browser.cookies["calsync_session"]),
        ]
        for (path, page) in pages {
            for secret in secrets { #expect(!page.html.contains(secret), "\(path) shows a secret") }
        }
    }

    @Test func theWeekViewShowsTrainingAndFreshness() async throws {
        let browser = try await seeded()
        await browser.signIn(.reader)
        let week = await browser.get("/admin/availability?instructor=i-ana&week=2026-03-02")
        #expect(week.status == 200)
        #expect(week.html.contains("Week of 2026-03-02 — Person i-ana"))
        #expect(week.html.contains("Training e-1"))
        // Never pulled: availability is unknown, and the empty slots say so.
        #expect(week.html.contains("<strong>Availability unknown</strong>"))
        #expect(week.html.contains("class=\"s-unknown\""))
        #expect(!week.html.contains("class=\"s-free\" title"))
        let team = await browser.get("/admin/availability/team?establishment=paris&week=2026-03-02")
        #expect(team.status == 200)
        #expect(team.html.contains("training 1.0 h (rest unknown)"))
        #expect(await browser.get("/admin/availability?instructor=i-ana&week=someday").status == 400)
        #expect(await browser.get("/admin/availability?instructor=nobody").status == 404)
    }

    @Test func weeksBeyondTheSyncedWindowAreHatchedNotSynced() async throws {
        let browser = try await seeded()
        // Pulled a minute ago over the window the default settings ask for: [2026-02-28, 2026-08-29).
        let window = SyncWindow.window(at: AdminFixture.now, settings: SyncSettings())
        try await browser.harness.store.saveSyncState(
            SyncState(
                integrationId: "m365", instructorId: "i-ana", calendarId: "u-i-ana", cursor: SyncCursor("d"),
                windowStart: window.start, windowEnd: window.end, lastSuccessAt: AdminFixture.now.addingTimeInterval(-60)))
        await browser.signIn(.reader)
        let inside = await browser.get("/admin/availability?instructor=i-ana&week=2026-03-02")
        #expect(inside.html.contains("empty slots are free"))
        #expect(!inside.html.contains("<td class=\"s-not-synced\""))
        // The week of 2026-08-24: Monday to Friday synced, the weekend not.
        let week = await browser.get("/admin/availability?instructor=i-ana&week=2026-08-24")
        #expect(week.status == 200)
        #expect(week.html.contains("<strong>not synced</strong>"))
        #expect(week.html.contains("<li><span class=\"swatch s-not-synced\"></span>Not synced (outside the synced window)</li>"))
        #expect(week.html.contains("<td class=\"s-free\""))
        #expect(week.html.contains("<td class=\"s-not-synced\" title=\"not synced\"><span>not synced</span></td>"))
        #expect(!week.html.contains("<td class=\"s-unknown\""))
        let team = await browser.get("/admin/availability/team?establishment=paris&week=2026-08-24")
        #expect(team.html.components(separatedBy: "<td class=\"s-free\">free</td>").count - 1 == 5)
        #expect(team.html.components(separatedBy: "<td class=\"s-not-synced\">not synced</td>").count - 1 == 2)
    }

    @Test func unknownPagesAndMethodsArePagesNot500s() async throws {
        let browser = try await seeded()
        await browser.signIn()
        let missing = await browser.get("/admin/nowhere")
        #expect(missing.status == 404)
        #expect(missing.headers["Content-Type"] == "text/html; charset=utf-8")
        let method = await browser.send(.delete, "/admin/status", body: nil, follow: false)
        #expect(method.status == 405)
        #expect(method.headers["Allow"] == "GET")
        let syncNow = await browser.post("/admin/sync", [("integrationId", "")])
        #expect(syncNow.html.contains("Sync run 1 started."))
        #expect(await browser.post("/admin/sync", [("integrationId", "ghost")]).status == 404)
    }
}
