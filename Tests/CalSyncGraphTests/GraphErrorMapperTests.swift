import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncTesting
import Foundation
import Testing

@Suite struct GraphErrorMapperTests {
    let now = Date(timeIntervalSince1970: 1_772_438_400)

    struct Row: Sendable, CustomTestStringConvertible {
        var fixture: String
        var status: Int
        var kind: CalendarError.Kind
        var code: String?
        var retryAfter: String? = nil
        var expectedRetry: Double? = nil
        var testDescription: String { "\(status) \(fixture)" }
    }

    /// Every fixture error body, with the status it comes with in real traces (and a few others).
    static let rows: [Row] = [
        Row(
            fixture: "error-access-denied-app-access-policy.json", status: 403, kind: .permissionMissing,
            code: "ErrorAccessDenied"),
        Row(fixture: "error-access-denied-calendar.json", status: 403, kind: .permissionMissing, code: "ErrorAccessDenied"),
        Row(fixture: "error-calendarview-range-too-large.json", status: 400, kind: .invalidRequest, code: "ErrorInvalidRequest"),
        Row(fixture: "error-delta-syncstatenotfound.json", status: 410, kind: .cursorExpired, code: "SyncStateNotFound"),
        Row(fixture: "error-delta-syncstatenotfound.json", status: 400, kind: .cursorExpired, code: "SyncStateNotFound"),
        Row(fixture: "error-generic-shape.json", status: 416, kind: .invalidRequest, code: "invalidRange"),
        Row(fixture: "error-generic-shape.json", status: 500, kind: .transient, code: "invalidRange"),
        Row(
            fixture: "error-throttled.json", status: 429, kind: .throttled, code: "TooManyRequests", retryAfter: "10",
            expectedRetry: 10),
        Row(
            fixture: "error-throttled.json", status: 429, kind: .throttled, code: "TooManyRequests", retryAfter: "2.128",
            expectedRetry: 2.128),
        Row(
            fixture: "error-throttled.json", status: 429, kind: .throttled, code: "TooManyRequests", retryAfter: "0.249",
            expectedRetry: 0.249),
        Row(
            fixture: "error-throttled.json", status: 429, kind: .throttled, code: "TooManyRequests",
            retryAfter: "Mon, 02 Mar 2026 08:00:45 GMT", expectedRetry: 45),
        Row(fixture: "error-throttled.json", status: 429, kind: .throttled, code: "TooManyRequests"),
        Row(
            fixture: "error-throttled.json", status: 503, kind: .throttled, code: "TooManyRequests", retryAfter: "3",
            expectedRetry: 3),
        Row(
            fixture: "error-generic-shape.json", status: 504, kind: .transient, code: "invalidRange", retryAfter: "4",
            expectedRetry: 4),
        Row(fixture: "error-access-denied-calendar.json", status: 401, kind: .unauthorized, code: "ErrorAccessDenied"),
        Row(fixture: "error-generic-shape.json", status: 404, kind: .notFound, code: "invalidRange"),
        Row(fixture: "error-generic-shape.json", status: 410, kind: .cursorExpired, code: "invalidRange"),
    ]

    @Test(arguments: rows)
    func fixtureBodies(row: Row) {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let retryAfter = row.retryAfter { headers["Retry-After"] = retryAfter }
        let error = GraphErrorMapper.map(
            status: row.status, headers: headers, body: Fixtures.data("graph/\(row.fixture)"), now: now)
        #expect(error.kind == row.kind)
        #expect(error.httpStatus == row.status)
        #expect(error.providerCode == row.code)
        #expect(error.retryAfter == row.expectedRetry)
        #expect(!error.message.isEmpty)
    }

    @Test func forbiddenMessagesNameTheLikelyCause() {
        let policy = GraphErrorMapper.map(
            status: 403, headers: [:], body: Fixtures.data("graph/error-access-denied-app-access-policy.json"), now: now)
        #expect(policy.message.contains("application access policy"))
        let consent = GraphErrorMapper.map(
            status: 403, headers: [:], body: Fixtures.data("graph/error-access-denied-calendar.json"), now: now)
        #expect(consent.message.contains("consent"))
        #expect(consent.message.contains("25418588-04a5-48dc-ab46-40cf843f4782"))  // request-id for support
    }

    @Test func itemNotFound() {
        let body = #"{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}"#
        let error = GraphErrorMapper.map(status: 404, headers: [:], body: Data(body.utf8), now: now)
        #expect(error.kind == .notFound)
        #expect(error.providerCode == "ErrorItemNotFound")
        #expect(error.message.contains("not found in the store"))
    }

    @Test(arguments: ["syncStateNotFound", "SyncStateNotFound", "resyncRequired", "ResyncRequired"])
    func syncStateCodesWinWhateverTheStatus(code: String) {
        let body = #"{"error":{"code":"\#(code)","message":"token expired"}}"#
        for status in [400, 404, 409, 500] {
            let error = GraphErrorMapper.map(status: status, headers: [:], body: Data(body.utf8), now: now)
            #expect(error.kind == .cursorExpired, "status \(status)")
        }
    }

    @Test func nestedInnerErrorsAreWalked() {
        let body = #"""
            {"error":{"code":"invalidRequest","message":"bad","innerError":{"code":"badArgument",
            "innerError":{"code":"resyncRequired","request-id":"r1"}}}}
            """#
        let error = GraphErrorMapper.map(status: 400, headers: [:], body: Data(body.utf8), now: now)
        #expect(error.kind == .cursorExpired)
        #expect(error.providerCode == "invalidRequest")
        #expect(error.message.contains("resyncRequired"))

        let emptyOuter = #"{"error":{"code":"","message":"x","innerError":{"code":"quotaLimitReached"}}}"#
        let second = GraphErrorMapper.map(status: 507, headers: [:], body: Data(emptyOuter.utf8), now: now)
        #expect(second.kind == .transient)
        #expect(second.providerCode == "quotaLimitReached")
    }

    @Test func gone410WithLocationAndNoBody() {
        let error = GraphErrorMapper.map(
            status: 410, headers: ["Location": "https://graph.microsoft.com/v1.0/users/u/calendarView/delta"], body: Data(),
            now: now)
        #expect(error.kind == .cursorExpired)
        #expect(error.message.contains("Location"))
    }

    @Test func nonJSONBodiesAreDescribedBriefly() {
        let html = "<html>\n<body>502 Bad Gateway</body>\n</html>"
        let error = GraphErrorMapper.map(
            status: 502, headers: ["Content-Type": "text/html"], body: Data(html.utf8), now: now)
        #expect(error.kind == .transient)
        #expect(error.providerCode == nil)
        #expect(error.message.contains("502 Bad Gateway"))
        #expect(!error.message.contains("\n"))

        let empty = GraphErrorMapper.map(status: 500, headers: [:], body: Data(), now: now)
        #expect(empty.kind == .transient)
        let json = GraphErrorMapper.map(status: 400, headers: [:], body: Data("[1,2]".utf8), now: now)
        #expect(json.kind == .invalidRequest)
    }

    @Test func batchItemsUseLowerCaseRetryAfter() throws {
        let body = try JSONSerialization.jsonObject(with: Fixtures.data("graph/error-throttled.json"))
        let error = GraphErrorMapper.mapBatchItem(status: 429, headers: ["retry-after": "2.128"], body: body, now: now)
        #expect(error.kind == .throttled)
        #expect(error.retryAfter == 2.128)
        #expect(error.providerCode == "TooManyRequests")
    }

    @Test func batchResponseFixtureItems() throws {
        let root = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.data("graph/batch-response.json")) as? [String: Any])
        let items = try #require(root["responses"] as? [[String: Any]])
        var mapped: [String: CalendarError] = [:]
        for item in items {
            let status = try #require(item["status"] as? Int)
            guard status >= 400 else { continue }
            let id = try #require(item["id"] as? String)
            mapped[id] = GraphErrorMapper.mapBatchItem(
                status: status, headers: item["headers"] as? [String: String] ?? [:], body: item["body"], now: now)
        }
        #expect(mapped["2"]?.kind == .permissionMissing)
        #expect(mapped["2"]?.providerCode == nil)  // Graph sent "code": ""
        #expect(mapped["3"]?.kind == .permissionMissing)
        #expect(mapped["3"]?.providerCode == "Authorization_RequestDenied")
        #expect(mapped["3"]?.message.contains("User.Read.All") == true)
        #expect(mapped["4"]?.kind == .invalidRequest)
        #expect(mapped["4"]?.httpStatus == 405)
    }

    @Test(arguments: [HTTPTransportError.Kind.timeout, .connectionReset, .connectionFailed, .tls, .other])
    func transportFailuresAreTransient(kind: HTTPTransportError.Kind) {
        let error = GraphErrorMapper.map(transportError: HTTPTransportError(kind, "operation timed out after 30000 ms"))
        #expect(error.kind == .transient)
        #expect(error.httpStatus == nil)
        #expect(error.message.contains(kind.rawValue))
    }
}
