import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// Times in the viewer's zone, on every page: chosen once on the time-zone page (kept in the session), named for
/// one view with `?tz=`, else each page's default (a person's mailbox zone on their week, the zone an establishment's
/// people share on its team week, else UTC).
@Suite struct AdminTimeZoneTests {
    func seeded() async throws -> (AdminBrowser, Int64) {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedPull(h.store, "i-ana", integrationId: "m365")
        let operation = try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", status: .success)
        let browser = AdminBrowser(h)
        await browser.signIn()
        return (browser, operation)
    }

    @Test func aChosenZoneAppliesToEveryTimeOnEveryPage() async throws {
        let (browser, operation) = try await seeded()
        // 2026-03-01T00:00:00Z: midnight in UTC, 01:00 in Paris.
        let before = await browser.get("/admin/operations")
        #expect(before.html.contains("2026-03-01 00:00 UTC"))
        let choice = await browser.get("/admin/time-zone?return=%2Fadmin%2Foperations")
        #expect(choice.status == 200)
        #expect(choice.html.contains("<option value=\"Europe/Paris\">Europe/Paris</option>"))
        let chosen = await browser.post("/admin/time-zone", [("tz", "Europe/Paris"), ("return", "/admin/operations")])
        #expect(chosen.status == 200)
        #expect(chosen.html.contains("Times are now shown in Europe/Paris."))
        #expect(chosen.html.contains("<h1>Operations log</h1>"))
        #expect(chosen.html.contains("Times: Europe/Paris"))
        let paris = "2026-03-01 01:00 UTC+1"
        for page in [
            "/admin/operations", "/admin/operations/\(operation)", "/admin/instructors", "/admin/integrations/m365",
            "/admin/status", "/admin/availability?instructor=i-ana&week=2026-03-02",
        ] {
            let html = await browser.get(page).html
            #expect(html.contains(paris), "\(page) shows its times in Paris")
            #expect(!html.contains("00:00 UTC<"), "\(page) shows no UTC time")
        }
        // Back to automatic: each page's own default (UTC here).
        _ = await browser.get("/admin/time-zone")
        let automatic = await browser.post("/admin/time-zone", [("tz", ""), ("return", "/admin/operations")])
        #expect(automatic.html.contains("Times are now shown in each page&#39;s own zone."))
        #expect(automatic.html.contains("2026-03-01 00:00 UTC"))
    }

    @Test func aLinkMayNameAZoneForOneView() async throws {
        let (browser, _) = try await seeded()
        let kolkata = await browser.get("/admin/operations?tz=Asia/Kolkata")
        #expect(kolkata.html.contains("2026-03-01 05:30 UTC+5:30"))
        #expect(kolkata.html.contains("Times: Asia/Kolkata"))
        // Choosing another zone from there comes back to the page without the link's zone.
        #expect(kolkata.html.contains("href=\"/admin/time-zone?return=%2Fadmin%2Foperations\""))
        let plain = await browser.get("/admin/operations")
        #expect(plain.html.contains("2026-03-01 00:00 UTC"))
        #expect(plain.html.contains("Times: UTC <span>(the default)</span>"))
        let bad = await browser.get("/admin/operations?tz=Mars/Olympus")
        #expect(bad.status == 400)
        #expect(bad.html.contains("`tz` must be an IANA time zone such as Europe/Paris."))
        _ = await browser.get("/admin/time-zone")
        let refused = await browser.post("/admin/time-zone", [("tz", "CET+1"), ("return", "/admin/status")])
        #expect(refused.status == 400)
    }

    @Test func afterChoosingTheBrowserOnlyGoesBackToThisSite() async throws {
        let (browser, _) = try await seeded()
        for target in ["https://evil.example/", "//evil.example/admin", "/admin\\@evil.example", "/v1/integrations"] {
            _ = await browser.get("/admin/time-zone")
            let answer = await browser.post("/admin/time-zone", [("tz", "UTC"), ("return", target)], follow: false)
            #expect(answer.status == 303)
            #expect(answer.location == "/admin", "\(target)")
        }
        let page = await browser.get("/admin/time-zone?return=https%3A%2F%2Fevil.example%2F")
        #expect(!page.html.contains("evil.example"))
    }

    /// The week is drawn in the person's mailbox zone by default; the team week, formerly in UTC days, in the zone
    /// its people share: an event on Monday 21:00 in New York (Tuesday 02:00 UTC) is on Monday.
    @Test func theTeamWeekIsInItsPeoplesZoneNotUTC() async throws {
        let (browser, _) = try await seeded()
        let store = browser.harness.store
        try await store.saveInstructor(
            Instructor(id: "i-ny", name: "Nia York", email: "nia@contoso.com", establishment: "nyc", timeZone: "America/New_York")
        )
        let start = ISO8601DateFormatter().date(from: "2026-03-03T02:00:00Z")!
        try await store.saveTrainingEvent(
            TrainingEvent(
                id: "t-late", title: "Evening class", start: start, end: start.addingTimeInterval(3_600),
                instructorIds: ["i-ny"]))
        let team = await browser.get("/admin/availability/team?establishment=nyc&week=2026-03-02")
        #expect(team.html.contains("Days in America/New_York"))
        #expect(team.html.contains("Times: America/New_York <span>(everyone&#39;s mailbox zone)</span>"))
        let cells = Self.cells(of: "Nia York", in: team.html)
        #expect(cells.count == 7)
        #expect(cells.first?.contains("training 1.0 h") == true, "Monday in New York: \(cells)")
        #expect(cells.dropFirst().allSatisfy { !$0.contains("training") })

        let week = await browser.get("/admin/availability?instructor=i-ny&week=2026-03-02")
        #expect(week.html.contains("times in America/New_York"))
        #expect(week.html.contains("Times: America/New_York <span>(Nia York&#39;s mailbox zone)</span>"))
        // The viewer's choice wins over the page's default.
        let utc = await browser.get("/admin/availability/team?establishment=nyc&week=2026-03-02&tz=UTC")
        #expect(Self.cells(of: "Nia York", in: utc.html).dropFirst().first?.contains("training 1.0 h") == true)
    }

    /// The day cells of a person's row of the team week.
    static func cells(of name: String, in html: String) -> [String] {
        guard let row = html.components(separatedBy: "<tr>").first(where: { $0.contains(">\(name)</a>") }) else { return [] }
        return row.components(separatedBy: "<td").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }
}
