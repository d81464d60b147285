import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// What a coordinator reads beside an id: the event's title, the absence's account, the person's name; and each
/// conflict once.
@Suite struct AdminTitlesTests {
    static let monday = LocalDate("2026-03-02")!

    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await Self.event(h, "t-swift", "Swift Basics", hour: 9, hours: 3)
        try await AdminFixture.seedAbsence(h.store, "a-leave", person: "i-ana", account: "Paid leave", day: "2026-03-04")
        try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", itemId: "t-swift", status: .success)
        try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ana", itemId: "a-leave~days", itemKind: .absence, status: .success)
        let browser = AdminBrowser(h)
        await browser.signIn()
        return browser
    }

    /// A training event of Ana's on Monday 2026-03-02 (UTC hours).
    static func event(_ h: APITestHarness, _ id: String, _ title: String, hour: Int, hours: Int) async throws {
        let start = monday.startOfDay(in: TimeZone(identifier: "UTC")!).addingTimeInterval(Double(hour * 3_600))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: id, title: title, start: start, end: start.addingTimeInterval(Double(hours * 3_600)),
                instructorIds: ["i-ana"]))
    }

    @Test func theOperationsLogShowsTitlesAndAccountsBesideIds() async throws {
        let browser = try await seeded()
        let log = await browser.get("/admin/operations")
        #expect(log.html.contains("<code>t-swift</code> <span class=\"label\">— Swift Basics</span>"))
        #expect(log.html.contains("absence <code>a-leave</code> (days) <span class=\"label\">— Paid leave</span>"))
        #expect(log.html.contains("<td>Person i-ana</td>"))
        let detail = await browser.get("/admin/operations/1")
        #expect(detail.html.contains("<code>t-swift</code> <span class=\"label\">— Swift Basics</span>"))
        #expect(detail.html.contains("Person i-ana (i-ana)"))
        // An item deleted since keeps its id, without a title.
        try await browser.harness.store.deleteTrainingEvent(id: "t-swift")
        #expect(await browser.get("/admin/operations").html.contains("<code>t-swift</code></td>"))
    }

    @Test func theWeekShowsTitlesAndEachConflictOnce() async throws {
        let browser = try await seeded()
        // Two assignments overlapping from 10:00 to 12:00: one conflict, not one from each side.
        try await Self.event(browser.harness, "t-ios", "iOS Workshop", hour: 10, hours: 4)
        let week = await browser.get("/admin/availability?instructor=i-ana&week=2026-03-02&tz=UTC")
        #expect(week.status == 200)
        let conflicts = try #require(week.html.components(separatedBy: "<h2>Conflicts</h2>").last)
        #expect(conflicts.components(separatedBy: "<li>").count - 1 == 1, "\(conflicts)")
        #expect(conflicts.contains("<code>t-ios</code> <span class=\"label\">— iOS Workshop</span>"))
        #expect(conflicts.contains("<code>t-swift</code> <span class=\"label\">— Swift Basics</span>"))
        // The busy list and the grid name the event and the absence.
        #expect(week.html.contains("<td><code>t-swift</code> <span class=\"label\">— Swift Basics</span></td>"))
        #expect(week.html.contains("<td><code>a-leave</code> <span class=\"label\">— Paid leave</span></td>"))
        #expect(week.html.contains("<span>Swift Basics · t-swift</span>"))
        #expect(week.html.contains("title=\"Absence a-leave — Paid leave\""))
    }
}
