import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AdminIntegrationsTests {
    func signedIn() async throws -> AdminBrowser {
        let browser = AdminBrowser(try APITestHarness(now: AdminFixture.now))
        await browser.signIn()
        return browser
    }

    func createFields(_ overrides: [(String, String)] = []) -> [(String, String)] {
        var fields = [
            ("name", "Contoso M365"), ("tenantId", "contoso.onmicrosoft.com"), ("clientId", "0c9d8e7f-6a5b-4c3d"),
            ("clientSecret", AdminFixture.secret), ("establishments", "paris, lyon"), ("graphBaseURL", ""), ("authorityHost", ""),
        ]
        for (name, value) in overrides {
            fields.removeAll { $0.0 == name }
            fields.append((name, value))
        }
        return fields
    }

    @Test func creatingShowsTheIntegrationButNeverItsSecret() async throws {
        let browser = try await signedIn()
        _ = await browser.get("/admin/integrations")
        let page = await browser.post("/admin/integrations", createFields())
        #expect(page.status == 200)
        #expect(page.html.contains("Integration Contoso M365 created."))
        #expect(page.html.contains("set (write-only: never shown)"))
        #expect(!page.html.contains(AdminFixture.secret))
        let api = await browser.harness.send(.get, "/v1/integrations")
        let item = try #require(api.items.first)
        #expect(item["establishments"] as? [String] == ["paris", "lyon"])
        #expect(item["status"] as? String == "active")
    }

    @Test func aRefusedCreateKeepsWhatWasTypedButTheSecret() async throws {
        let browser = try await signedIn()
        _ = await browser.get("/admin/integrations")
        let page = await browser.post("/admin/integrations", createFields([("tenantId", "bad tenant!"), ("name", "Keep <me>")]))
        #expect(page.status == 422)
        #expect(page.html.contains("`tenantId` must be letters, digits"))
        #expect(page.html.contains("value=\"Keep &lt;me&gt;\""))
        #expect(page.html.contains("value=\"bad tenant!\""))
        #expect(!page.html.contains(AdminFixture.secret))
        #expect(await browser.harness.send(.get, "/v1/integrations").items.isEmpty)
    }

    @Test func activateDeactivateSettingsAndEstablishments() async throws {
        let browser = try await signedIn()
        let id = try await AdminFixture.createIntegration(browser.harness)
        _ = await browser.get("/admin/integrations/\(id)")
        let off = await browser.post("/admin/integrations/\(id)/status", [("status", "inactive")])
        #expect(off.html.contains("Contoso M365 is now inactive."))
        #expect(await browser.harness.send(.get, "/v1/integrations/\(id)").json["status"] as? String == "inactive")
        _ = await browser.post("/admin/integrations/\(id)/status", [("status", "active")])

        let settings: [(String, String)] = [
            ("syncIntervalSeconds", "600"), ("pastDays", "2"), ("futureDays", "90"), ("eventSubjectTemplate", "CalSync: {title}"),
            ("absenceShowAs", "oof"), ("workdayStart", "08:00"), ("workdayEnd", "18:00"), ("amEnd", "12:00"),
            ("pmStart", "13:00"), ("hideLabels", "on"),
        ]
        let saved = await browser.post("/admin/integrations/\(id)/settings", settings)
        #expect(saved.html.contains("Settings of Contoso M365 saved."))
        let stored = try #require(await browser.harness.send(.get, "/v1/integrations/\(id)").json["settings"] as? [String: Any])
        #expect(stored["syncIntervalSeconds"] as? Int == 600)
        #expect(stored["absenceShowAs"] as? String == "oof")
        #expect(stored["tentativeCountsAsBusy"] as? Bool == false)
        #expect((stored["workday"] as? [String: Any])?["start"] as? String == "08:00")

        let refused = await browser.post("/admin/integrations/\(id)/settings", settings + [("pastDays", "99")].map { $0 })
        #expect(refused.status == 400)  // pastDays sent twice
        var bad = settings.filter { $0.0 != "pastDays" }
        bad.append(("pastDays", "99"))
        let outOfRange = await browser.post("/admin/integrations/\(id)/settings", bad)
        #expect(outOfRange.status == 422)
        #expect(outOfRange.html.contains("settings.pastDays"))
        #expect(outOfRange.html.contains("value=\"99\""))
        let notANumber = await browser.post("/admin/integrations/\(id)/settings", [("pastDays", "two")])
        #expect(notANumber.status == 422)
        #expect(notANumber.html.contains("`pastDays` must be a whole number."))

        let scope = await browser.post("/admin/integrations/\(id)/establishments", [("establishments", "paris")])
        #expect(scope.html.contains("Contoso M365 now covers: paris."))
    }

    @Test func initializationSaysHowManyItemsWereQueued() async throws {
        let browser = try await signedIn()
        let h = browser.harness
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedEvent(h.store, "e-1", hours: 24, instructors: ["i-ana"])
        try await AdminFixture.seedEvent(h.store, "e-2", hours: 48, instructors: ["i-ana"])
        let page = await browser.get("/admin/integrations/m365")
        #expect(page.html.contains("name=\"establishments\" value=\"paris\""))
        let done = await browser.post(
            "/admin/integrations/m365/initialize", [("since", "2026-03-01"), ("establishments", "paris")])
        #expect(done.status == 200)
        #expect(done.html.contains("2 items queued for initialization since 2026-03-01"))
        let bad = await browser.post("/admin/integrations/m365/initialize", [("since", "2026-13-01")])
        #expect(bad.status == 400)
        let uncovered = await browser.post(
            "/admin/integrations/m365/initialize", [("since", "2026-03-01"), ("establishments", "lyon")])
        #expect(uncovered.status == 422)
        #expect(uncovered.html.contains("not covered by this integration"))
    }

    @Test func deletingWithOrWithoutPurge() async throws {
        let browser = try await signedIn()
        let h = browser.harness
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedIntegration(h.store, "other")
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedMapping(h.store, integrationId: "m365", eventId: "e-1", instructorId: "i-ana")
        _ = await browser.get("/admin/integrations/m365")
        let purge = await browser.post("/admin/integrations/m365/delete", [("purgeCalendars", "on")])
        #expect(purge.html.contains("once the 1 events CalSync pushed are deleted"))
        #expect(purge.html.contains("being removed"))
        let gone = await browser.post("/admin/integrations/other/delete")
        #expect(gone.html.contains("The integration was removed."))
        #expect(await h.send(.get, "/v1/integrations/other").status == 404)
    }
}
