import CalSyncCore
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@testable import CalSyncAPI

/// A Google Workspace integration on the admin pages: created by pasting the key file, shown with the client id and
/// the scopes to authorise (never the key), its key replaced, and its connection tested against the emulator.
@Suite struct AdminGoogleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let clientId = "104217380923465120001"
    static let scopes = "https://www.googleapis.com/auth/calendar,https://www.googleapis.com/auth/admin.directory.user.readonly"

    static func keyText() throws -> String {
        try String(contentsOf: root.appendingPathComponent("fixtures/google/test-service-account.json"), encoding: .utf8)
    }

    func browser() async throws -> (AdminBrowser, GoogleEmulator) {
        let emulator = GoogleEmulator(
            tenant: try GoogleTenant(contentsOf: Self.root.appendingPathComponent("fixtures/tenants/google-fabrikam.json").path))
        let browser = AdminBrowser(try APITestHarness(now: Date(), graph: emulator))
        await browser.signIn()
        return (browser, emulator)
    }

    /// The Google create form as a browser sends it.
    static func form(key: String) -> [(String, String)] {
        [
            ("name", "Fabrikam"), ("type", "google"), ("establishments", ""), ("serviceAccountKey", key),
            ("adminEmail", "grace@fabrikam.example"), ("googleBaseURL", "http://127.0.0.1:8092"),
        ]
    }

    @Test func createdByPastingTheKeyFileAndShownWithoutIt() async throws {
        let (browser, _) = try await browser()
        let page = await browser.get("/admin/integrations?type=google")
        #expect(page.html.contains(#"<input type="hidden" name="type" value="google">"#))
        #expect(page.html.contains("<h3>Google Workspace</h3>"))
        #expect(page.html.contains(#"<textarea id="new-key" name="serviceAccountKey""#))

        // Not a key file: refused with the reason, what was typed kept, the pasted text not repeated.
        let refused = await browser.post("/admin/integrations", Self.form(key: "paste-me-not {"))
        #expect(refused.status == 422)
        #expect(refused.html.contains("`serviceAccountKey` must be the JSON key file Google made"))
        #expect(refused.html.contains(#"value="grace@fabrikam.example""#))
        #expect(!refused.html.contains("paste-me-not"))

        let created = await browser.post("/admin/integrations", Self.form(key: try Self.keyText()))
        #expect(created.html.contains("Integration Fabrikam created."))
        #expect(created.html.contains("<dd>\(Self.clientId)</dd>"))
        #expect(created.html.contains("<dd>\(Self.scopes)</dd>"))
        #expect(created.html.contains("<dd>calsync-sync@fabrikam-emulator.iam.gserviceaccount.com</dd>"))
        #expect(created.html.contains("<dt>Key file</dt><dd>set (write-only: never shown)</dd>"))
        #expect(created.html.contains(#"<textarea id="secret" name="serviceAccountKey""#))
        #expect(!created.html.contains("PRIVATE KEY"))
        let stored = try #require(try await browser.harness.store.integrations().first)
        #expect(stored.connection.google?.adminEmail == "grace@fabrikam.example")

        // The key replaced from the page: another key id is shown.
        let rotated = try Self.keyText().replacingOccurrences(
            of: "61cbd001c702cc3432d8a214a56560d256ee2738", with: "61cbd001c702cc3432d8a214a56560d256ee2799")
        let replaced = await browser.post("/admin/integrations/\(stored.id)/secret", [("serviceAccountKey", rotated)])
        #expect(replaced.html.contains("The key file of Fabrikam was replaced."))
        #expect(replaced.html.contains("<dd>61cbd001c702cc3432d8a214a56560d256ee2799</dd>"))
    }

    @Test func theKeyFileMayBeUploadedInsteadOfPasted() async throws {
        let (browser, _) = try await browser()
        let page = await browser.get("/admin/integrations?type=google")
        #expect(page.html.contains(#"enctype="multipart/form-data""#))
        #expect(page.html.contains(#"<input id="new-key-upload" name="serviceAccountKeyUpload" type="file""#))
        var fields = Self.form(key: "")

        // Pasted and uploaded at once: refused, nothing created, what was typed kept.
        fields[3] = ("serviceAccountKey", try Self.keyText())
        let both = await browser.postMultipart(
            "/admin/integrations", fields, files: [("serviceAccountKeyUpload", "key.json", try Self.keyText())])
        #expect(both.status == 422)
        #expect(both.html.contains("Paste the key file or upload it, not both."))
        #expect(both.html.contains(#"value="grace@fabrikam.example""#))
        #expect(!both.html.contains("PRIVATE KEY"))
        #expect(try await browser.harness.store.integrations().isEmpty)

        // Uploaded alone (the text area left empty): created, shown without the key.
        fields[3] = ("serviceAccountKey", "")
        let created = await browser.postMultipart(
            "/admin/integrations", fields, files: [("serviceAccountKeyUpload", "fabrikam-key.json", try Self.keyText())])
        #expect(created.html.contains("Integration Fabrikam created."))
        #expect(created.html.contains("<dd>calsync-sync@fabrikam-emulator.iam.gserviceaccount.com</dd>"))
        #expect(!created.html.contains("PRIVATE KEY"))
        let stored = try #require(try await browser.harness.store.integrations().first)

        // Replaced by uploading another key; an upload that is not a key file is refused without quoting it.
        let notAKey = await browser.postMultipart(
            "/admin/integrations/\(stored.id)/secret", [], files: [("serviceAccountKeyUpload", "notes.txt", "dear diary {")])
        #expect(notAKey.status == 422)
        #expect(!notAKey.html.contains("dear diary"))
        let rotated = try Self.keyText().replacingOccurrences(
            of: "61cbd001c702cc3432d8a214a56560d256ee2738", with: "61cbd001c702cc3432d8a214a56560d256ee2799")
        let replaced = await browser.postMultipart(
            "/admin/integrations/\(stored.id)/secret", [("serviceAccountKey", "")],
            files: [("serviceAccountKeyUpload", "new.json", rotated)])
        #expect(replaced.html.contains("The key file of Fabrikam was replaced."))
        #expect(replaced.html.contains("<dd>61cbd001c702cc3432d8a214a56560d256ee2799</dd>"))
    }

    @Test func theConnectionTestNamesTheClientIdAndScopesWhenDelegationIsMissing() async throws {
        let (browser, emulator) = try await browser()
        _ = await browser.get("/admin/integrations")
        _ = await browser.post("/admin/integrations", Self.form(key: try Self.keyText()))
        let id = try #require(try await browser.harness.store.integrations().first?.id)

        let working = await browser.post("/admin/integrations/\(id)/test")
        #expect(working.html.contains("<strong>token</strong>"))
        #expect(working.html.contains("domain-wide delegation covers https://www.googleapis.com/auth/calendar"))

        emulator.revokeDelegation(clientId: Self.clientId)
        let refused = await browser.post("/admin/integrations/\(id)/test")
        #expect(refused.html.contains("<strong>The connection does not work:</strong>"))
        #expect(refused.html.contains("domain-wide delegation is missing for client id \(Self.clientId)"))
        #expect(refused.html.contains("scopes to authorise, exactly: \(Self.scopes)"))
        #expect(!refused.html.contains("PRIVATE KEY"))
    }
}
