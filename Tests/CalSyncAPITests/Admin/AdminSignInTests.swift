import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AdminSignInTests {
    func harness() throws -> APITestHarness { try APITestHarness(now: AdminFixture.now) }

    @Test func signedOutVisitorsAreSentToTheSignInForm() async throws {
        let browser = AdminBrowser(try harness())
        let page = await browser.get("/admin/status", follow: false)
        #expect(page.status == 303)
        #expect(page.location == "/admin/sign-in")
        let form = await browser.get("/admin/sign-in")
        #expect(form.status == 200)
        #expect(form.html.contains("<label for=\"token\">API token</label>"))
        #expect(form.headers["Content-Security-Policy"]?.contains("script-src 'self'") == true)
        #expect(form.headers["Cache-Control"] == "no-store")
    }

    @Test func signingInSetsAStrictHttpOnlyExpiringCookie() async throws {
        let browser = AdminBrowser(try harness())
        _ = await browser.get("/admin/sign-in")
        let signIn = await browser.post("/admin/sign-in", [("token", APITestHarness.Token.admin.rawValue)], follow: false)
        #expect(signIn.status == 303)
        #expect(signIn.location == "/admin")
        let session = try #require(signIn.headers.values("Set-Cookie").first { $0.hasPrefix("calsync_session=") })
        let attributes = Set(session.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(attributes.contains("HttpOnly"))
        #expect(attributes.contains("SameSite=Strict"))
        #expect(attributes.contains("Path=/admin"))
        #expect(attributes.contains("Max-Age=28800"))
        // The harness clock is 2026-03-01T00:00:00Z; eight hours later:
        #expect(attributes.contains("Expires=Sun, 01 Mar 2026 08:00:00 GMT"))
        #expect(!session.contains(APITestHarness.Token.admin.rawValue))

        let home = await browser.get("/admin")
        #expect(home.status == 200)
        #expect(home.html.contains("<h1>Sync status</h1>"))
        #expect(home.html.contains("Signed in (admin)"))
    }

    @Test func aWrongTokenShowsTheFormAgainWithoutWhatWasTyped() async throws {
        let browser = AdminBrowser(try harness())
        _ = await browser.get("/admin/sign-in")
        let page = await browser.post("/admin/sign-in", [("token", "wrong-token-that-is-long-enough")])
        #expect(page.status == 401)
        #expect(page.html.contains("That token is not valid."))
        #expect(!page.html.contains("wrong-token-that-is-long-enough"))
        #expect(browser.cookies["calsync_session"] == nil)
    }

    @Test func signingOutEndsTheSession() async throws {
        let browser = AdminBrowser(try harness())
        await browser.signIn()
        let oldCookie = try #require(browser.cookies["calsync_session"])
        let out = await browser.post("/admin/sign-out", follow: false)
        #expect(out.status == 303)
        #expect(out.headers.values("Set-Cookie").contains { $0.hasPrefix("calsync_session=;") && $0.contains("Max-Age=0") })
        // The old cookie no longer opens anything, even if a copy was kept.
        let replay = await browser.harness.server.respond(
            to: HTTPRequest(method: .get, target: "/admin/status", headers: ["Cookie": "calsync_session=\(oldCookie)"]))
        #expect(replay.status == 303)
    }

    @Test func theSignInFormNeedsItsOwnToken() async throws {
        let browser = AdminBrowser(try harness())
        _ = await browser.get("/admin/sign-in")
        let forged = await browser.post("/admin/sign-in", [("token", APITestHarness.Token.admin.rawValue)], csrf: "0123")
        #expect(forged.status == 403)
        #expect(browser.cookies["calsync_session"] == nil)
    }

    @Test func sessionsExpire() async throws {
        let store = AdminSessionStore(lifetime: 60)
        let now = AdminFixture.now
        let (_, cookie) = store.create(role: .admin, now: now)
        #expect(store.session(cookie: cookie, now: now.addingTimeInterval(59))?.role == .admin)
        #expect(store.session(cookie: cookie, now: now.addingTimeInterval(60)) == nil)
        #expect(store.count == 0)
        // A right selector with a wrong validator opens nothing.
        let (_, other) = store.create(role: .admin, now: now)
        let forged = String(other.prefix(33)) + String(repeating: "0", count: 64)
        #expect(store.session(cookie: forged, now: now) == nil)
        #expect(store.session(cookie: "garbage", now: now) == nil)
    }
}
