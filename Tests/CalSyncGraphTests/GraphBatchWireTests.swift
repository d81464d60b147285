import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncTesting
import Foundation
import Testing

/// The `$batch` wire format (docs/microsoft-365.md §6): items written as Graph expects, answers read item by item.
@Suite struct GraphBatchWireTests {
    @Test func theDocsAnswerIsReadItemByItem() throws {
        let items = try GraphBatchResponse.parse(Fixtures.data("graph/batch-response.json"))
        #expect(items.keys.sorted() == ["1", "2", "3", "4", "5"])
        #expect(items["1"]?.status == 200)
        #expect(items["2"]?.status == 403)
        #expect(items["4"]?.status == 405)
        #expect(items["1"]?.headers["content-type"]?.hasPrefix("application/json") == true)
        let error = try JSONValue.parse(try #require(items["3"]?.body))
        #expect(error["error"]?["code"] == "Authorization_RequestDenied")
        let page = try JSONValue.parse(try #require(items["5"]?.body))
        #expect(page["value"]?.arrayValue?.count == 1)
    }

    @Test func aLowerCaseRetryAfterIsTheItemsRetryAfter() throws {
        let body = #"""
            {"responses":[
              {"id":"2","status":429,"headers":{"retry-after":"2.128","Content-Type":"application/json"},
               "body":{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}},
              {"id":"1","status":204,"headers":{},"body":null},
              {"id":"3","status":200,"body":"eyJpZCI6IngifQ=="}
            ]}
            """#
        let items = try GraphBatchResponse.parse(Data(body.utf8))
        #expect(items["2"]?.headers["Retry-After"] == "2.128")
        #expect(items["1"]?.body.isEmpty == true)
        #expect(String(decoding: try #require(items["3"]?.body), as: UTF8.self) == #"{"id":"x"}"#)
    }

    @Test(arguments: [#"{}"#, #"{"responses":[{"status":200}]}"#, #"{"responses":[{"id":"1","status":"200"}]}"#, "<html>"])
    func unreadableAnswersAreErrors(_ body: String) {
        #expect(throws: GraphBatchError.self) { try GraphBatchResponse.parse(Data(body.utf8)) }
    }

    @Test func itemsAreRelativeAndKeepTheTokenOutOfTheBody() throws {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer secret-token")
        headers.add("Prefer", #"IdType="ImmutableId""#)
        let post = HTTPClientRequest(
            method: .post, url: URL(string: "https://graph.microsoft.com/v1.0/users/u%201/events")!, headers: headers,
            body: Data(#"{"subject":"x"}"#.utf8))
        let item = try #require(GraphBatchItem(id: "1", request: post, baseURL: "https://graph.microsoft.com/v1.0"))
        #expect(item.url == "/users/u%201/events")
        #expect(item.headers["Content-Type"] == "application/json")
        #expect(item.headers.keys.contains { $0.lowercased() == "authorization" } == false)
        let outside = HTTPClientRequest(method: .get, url: URL(string: "https://login.microsoftonline.com/x/oauth2/v2.0/token")!)
        #expect(GraphBatchItem(id: "2", request: outside, baseURL: "https://graph.microsoft.com/v1.0") == nil)

        let encoded = GraphBatchEncoder.encode([
            item, GraphBatchItem(id: "2", method: .get, url: "/users/u2/calendarView/delta?$deltatoken=a\"b"),
        ])
        let json = try JSONValue.parse(encoded)
        let requests = try #require(json["requests"]?.arrayValue)
        #expect(requests.count == 2)
        #expect(requests[0]["body"]?["subject"] == "x")
        #expect(requests[0]["headers"]?["Content-Type"] == "application/json")
        #expect(requests[1]["url"] == "/users/u2/calendarView/delta?$deltatoken=a\"b")
        #expect(requests[1]["headers"] == nil)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("secret-token"))
    }
}
