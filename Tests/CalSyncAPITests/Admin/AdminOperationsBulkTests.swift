import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// The operations log as a coordinator reads it: newest first, filtered by creation date, failed and pending ones
/// ticked and retried or marked processed together.
@Suite struct AdminOperationsBulkTests {
    /// #1 succeeded three days ago, #2 and #3 failed two days and one day ago, #4 waits since now.
    func seeded() async throws -> AdminBrowser {
        let h = try APITestHarness(now: AdminFixture.now)
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ana", establishment: nil, integrationId: "m365")
        let day = 86_400.0
        for (n, status) in [OperationRecord.Status.success, .error, .error, .pending].enumerated() {
            try await AdminFixture.seedOperation(
                h.store, integrationId: "m365", instructorId: "i-ana", itemId: "e-\(n + 1)", status: status,
                at: AdminFixture.now.addingTimeInterval(Double(n - 3) * day))
        }
        let browser = AdminBrowser(h)
        await browser.signIn()
        return browser
    }

    /// The operation numbers of the log's rows, in order.
    func numbers(_ html: String) -> [String] {
        html.components(separatedBy: "<th scope=\"row\"><a href=\"/admin/operations/").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
    }

    func status(_ browser: AdminBrowser, _ id: Int) async -> String? {
        await browser.harness.send(.get, "/v1/sync/operations?limit=500").items.first { $0["id"] as? String == String(id) }?[
            "status"]
            as? String
    }

    @Test func newestFirstWithADateFilter() async throws {
        let browser = try await seeded()
        let log = await browser.get("/admin/operations")
        #expect(numbers(log.html) == ["4", "3", "2", "1"])
        #expect(log.html.contains("Operations, newest first"))
        // Created on 2026-02-26 (#1) … 2026-03-01 (#4), UTC.
        #expect(numbers(await browser.get("/admin/operations?from=2026-02-27&to=2026-02-28").html) == ["3", "2"])
        #expect(numbers(await browser.get("/admin/operations?from=2026-02-28").html) == ["4", "3"])
        #expect(numbers(await browser.get("/admin/operations?to=2026-02-26&status=success").html) == ["1"])
        // Dates are the viewer's days: 2026-02-28T00:00Z is still the 27th in New York.
        #expect(numbers(await browser.get("/admin/operations?from=2026-02-27&to=2026-02-27&tz=America/New_York").html) == ["3"])
        #expect(await browser.get("/admin/operations?from=2026-02-30").status == 400)
        let reversed = await browser.get("/admin/operations?from=2026-03-01&to=2026-02-01")
        #expect(reversed.status == 400)
        #expect(reversed.html.contains("`to` (2026-02-01) is before `from` (2026-03-01)."))
    }

    @Test func olderOperationsAreOnTheNextPageWithTheSameFilters() async throws {
        let browser = try await seeded()
        try await browser.harness.store.appendOperations(
            (0..<105).map { n in
                OperationRecord(
                    key: PushKey(integrationId: "m365", itemKind: .event, itemId: "e-9\(n)", instructorId: "i-ana"),
                    action: .update, status: .error, attempts: 1, createdAt: AdminFixture.now,
                    errorCode: "ErrorAccessDenied", httpStatus: 403)
            })
        // #5 … #109 were created on 2026-03-01 and failed.
        let first = await browser.get("/admin/operations?status=error&from=2026-03-01")
        #expect(numbers(first.html) == (10...109).reversed().map(String.init))
        #expect(
            first.html.contains("href=\"/admin/operations?status=error&amp;from=2026-03-01&amp;before=10\">Older operations</a>"))
        let second = await browser.get("/admin/operations?status=error&from=2026-03-01&before=10")
        #expect(numbers(second.html) == ["9", "8", "7", "6", "5"])
        #expect(!second.html.contains("Older operations"))
    }

    @Test func onlyFailedAndPendingOperationsCanBeTicked() async throws {
        let browser = try await seeded()
        let log = await browser.get("/admin/operations")
        for id in ["2", "3", "4"] { #expect(log.html.contains("name=\"id\" value=\"\(id)\"")) }
        #expect(!log.html.contains("name=\"id\" value=\"1\""))
        #expect(log.html.contains(">Retry selected</button>"))
        #expect(log.html.contains(">Mark selected processed</button>"))
    }

    @Test func retrySelectedRetriesTheFailedOnesAndSaysWhyTheOthersWereNot() async throws {
        let browser = try await seeded()
        _ = await browser.get("/admin/operations?status=error")
        let done = await browser.post(
            "/admin/operations/bulk",
            [("action", "retry"), ("id", "2"), ("id", "3"), ("id", "4"), ("return", "/admin/operations?status=error")])
        #expect(done.status == 200)
        #expect(done.html.contains("2 operations will be retried (#2, #3). 1 was not: Operation 4 is already waiting to run."))
        #expect(done.html.contains("<option value=\"error\" selected>"), "back on the filtered log")
        #expect(await status(browser, 2) == "pending")
        #expect(await status(browser, 3) == "pending")
        #expect(browser.harness.control.wakes > 0)

        let marked = await browser.post(
            "/admin/operations/bulk", [("action", "mark-processed"), ("id", "2"), ("id", "1"), ("return", "/admin/operations")])
        #expect(
            marked.html.contains(
                "1 operation is marked processed (#2): never retried. 1 was not: Operation 1 succeeded; only pending or failed ones can be marked processed."
            ))
        #expect(await status(browser, 2) == "processed")
        #expect(await status(browser, 1) == "success")
    }

    @Test func badBulkFormsChangeNothing() async throws {
        let browser = try await seeded()
        _ = await browser.get("/admin/operations")
        let none = await browser.post("/admin/operations/bulk", [("action", "retry"), ("return", "/admin/operations")])
        #expect(none.html.contains("No operation was ticked: nothing was done."))
        #expect(await browser.post("/admin/operations/bulk", [("action", "delete"), ("id", "2")]).status == 400)
        #expect(await browser.post("/admin/operations/bulk", [("action", "retry"), ("id", "two")]).status == 400)
        let forged = await browser.post("/admin/operations/bulk", [("action", "retry"), ("id", "2")], csrf: "")
        #expect(forged.status == 403)
        #expect(await status(browser, 2) == "error")
        _ = await browser.get("/admin/operations")
        let gone = await browser.post("/admin/operations/bulk", [("action", "retry"), ("id", "99")])
        #expect(gone.html.contains("No operation will be retried. 1 was not: Operation 99 was not found."))
    }
}
