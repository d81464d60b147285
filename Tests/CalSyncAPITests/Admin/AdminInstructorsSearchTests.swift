import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// The Instructors page with many people: a search box, sortable columns, 50 people a page, and every link keeping
/// the rest of what was asked.
@Suite struct AdminInstructorsSearchTests {
    /// 120 people, `i-000` … `i-119`, named `Person i-000` …; i-007's last pull failed, i-003 was pulled long ago.
    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365")
        for n in 0..<120 {
            let id = String(format: "i-%03d", n)
            try await AdminFixture.seedPerson(h.store, id, establishment: nil, integrationId: "m365")
            try await AdminFixture.seedPull(
                h.store, id, integrationId: "m365", success: AdminFixture.now.addingTimeInterval(n == 3 ? -86_400 * 3 : -60),
                errorCode: n == 7 ? "MailboxNotEnabledForRESTAPI" : nil, message: n == 7 ? "No mailbox." : nil)
        }
        let browser = AdminBrowser(h)
        await browser.signIn()
        return browser
    }

    /// The instructor ids of the table's rows, in order.
    func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().compactMap { row in
            row.components(separatedBy: "<span class=\"muted\">").dropFirst().first.map { String($0.prefix { $0 != "<" }) }
        }
    }

    @Test func searchFindsNamesEmailsAndIdsWhateverTheCase() async throws {
        let browser = try await seeded()
        let page = await browser.get("/admin/instructors?q=i-05")
        #expect(rows(page.html) == (50..<60).map { String(format: "i-%03d", $0) })
        #expect(page.html.contains("1–10 of 10 instructors (everyone, matching “i-05”; 120 in all)"))
        #expect(page.html.contains("value=\"i-05\""))
        #expect(rows(await browser.get("/admin/instructors?q=I-042%40CONTOSO").html) == ["i-042"])
        #expect(rows(await browser.get("/admin/instructors?q=person+i-11").html).count == 10)
        #expect(await browser.get("/admin/instructors?q=nobody").html.contains("No instructor to show here."))
    }

    @Test func fiftyAPageWithEveryLinkKeepingTheQuery() async throws {
        let browser = try await seeded()
        let first = await browser.get("/admin/instructors")
        #expect(rows(first.html) == (0..<50).map { String(format: "i-%03d", $0) })
        #expect(first.html.contains("Page 1 of 3"))
        let query = "/admin/instructors?q=Person&sort=name&dir=desc"
        let sorted = await browser.get(query)
        #expect(rows(sorted.html).first == "i-119")
        #expect(sorted.html.contains("href=\"/admin/instructors?q=Person&amp;dir=desc&amp;page=2\""))
        #expect(sorted.html.contains("href=\"/admin/instructors?show=errors&amp;q=Person&amp;dir=desc\""))
        let second = await browser.get("/admin/instructors?q=Person&dir=desc&page=2")
        #expect(rows(second.html).first == "i-069")
        #expect(second.html.contains("51–100 of 120 instructors"))
        // A sync switch on page 2 comes back to page 2, as it was.
        let stopped = await browser.post(
            "/admin/instructors/i-060/sync", [("enabled", "false"), ("return", "/admin/instructors?q=Person&dir=desc&page=2")])
        #expect(stopped.html.contains("Sync stopped for Person i-060."))
        #expect(rows(stopped.html).first == "i-069")
        // Filters combine with the search.
        let errors = await browser.get("/admin/instructors?show=errors&q=Person")
        #expect(rows(errors.html) == ["i-007"])
    }

    @Test func columnsSortByNameStatusAndLastSync() async throws {
        let browser = try await seeded()
        let byStatus = await browser.get("/admin/instructors?sort=status")
        #expect(rows(byStatus.html).first == "i-007", "the failing person first")
        #expect(byStatus.html.contains("aria-sort=\"ascending\""))
        #expect(rows(await browser.get("/admin/instructors?sort=status&dir=desc&page=3").html).last == "i-007")
        #expect(rows(await browser.get("/admin/instructors?sort=last-sync").html).first == "i-003", "the oldest sync first")
        #expect(rows(await browser.get("/admin/instructors?sort=last-sync&dir=desc").html).contains("i-003") == false)
        for bad in ["sort=age", "dir=up", "page=0", "page=x"] {
            let refused = await browser.get("/admin/instructors?\(bad)")
            #expect(refused.status == 400, "\(bad)")
        }
    }
}
