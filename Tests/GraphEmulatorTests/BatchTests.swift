import CalSyncHTTP
import CalSyncTesting
import Foundation
import GraphEmulator
import Testing

/// `POST /v1.0/$batch` held to docs/microsoft-365.md (§6 JSON batching, §7 throttling inside a batch).
@Suite struct BatchTests {
    static let window = "startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z"
    static let janeView = "/users/\(EmulatorHarness.jane)/calendarView?\(window)"

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.url("graph/\(name)"), encoding: .utf8)
    }

    static func batch(_ items: [String]) -> String {
        #"{"requests":["# + items.joined(separator: ",") + "]}"
    }

    static func get(_ id: String, _ url: String) -> String {
        #"{"id":"\#(id)","method":"GET","url":"\#(url)"}"#
    }

    /// The items of a batch answer by id.
    static func items(_ reply: EmulatorHarness.Reply) -> [String: EmulatorJSON] {
        var items: [String: EmulatorJSON] = [:]
        for item in reply.json["responses"]?.arrayValue ?? [] {
            if let id = item["id"]?.stringValue { items[id] = item }
        }
        return items
    }

    // MARK: - Shapes from Microsoft's examples

    @Test func theDocExampleBatchGetsOneAnswerPerItem() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.post, "/v1.0/$batch", body: try Self.fixture("batch-request.json"))
        #expect(reply.status == 200)
        let responses = try #require(reply.json["responses"]?.arrayValue)
        #expect(responses.count == 5)
        let items = Self.items(reply)
        #expect(Set(items.keys) == ["1", "2", "3", "4", "5"])
        for item in items.values {
            #expect(item["status"]?.intValue != nil)
            #expect(item["headers"]?.objectValue != nil)
        }
    }

    @Test func aFailedDependencyFailsItsDependentsWith424() async throws {
        let h = try EmulatorHarness()
        // The doc's dependsOn example with "..." urls: request 1 fails, 2 depends on 1, 4 on 2, 3 on 4.
        let reply = await h.send(.post, "/v1.0/$batch", body: try Self.fixture("batch-request-dependson.json"))
        #expect(reply.status == 200)
        let items = Self.items(reply)
        #expect(items["1"]?["status"]?.intValue.map { (400..<500).contains($0) } == true)
        for id in ["2", "4", "3"] {
            #expect(items[id]?["status"] == 424)
            #expect(items[id]?["body"]?["error"]?["code"] == "FailedDependency")
        }
    }

    @Test func itemsReachTheSameHandlersAsRequests() async throws {
        let h = try EmulatorHarness()
        let create = #"""
            {"id":"c","method":"POST","url":"/users/\#(EmulatorHarness.jane)/events","headers":{"Content-Type":"application/json"},
             "body":{"subject":"Batched","start":{"dateTime":"2025-03-10T09:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-03-10T10:00:00","timeZone":"UTC"}}}
            """#
        let before = h.emulator.storedEvents(userId: EmulatorHarness.jane).count
        // A url without its leading slash, as in the doc example (`users?$select=…`), is relative all the same.
        let list = Self.get("u", "users?$select=id&$top=2")
        let reply = await h.send(.post, "/v1.0/$batch", body: Self.batch([create, Self.get("v", Self.janeView), list]))
        let items = Self.items(reply)
        #expect(items["c"]?["status"] == 201)
        #expect(items["c"]?["body"]?["subject"] == "Batched")
        #expect(items["v"]?["status"] == 200)
        #expect(items["v"]?["body"]?["value"]?.arrayValue != nil)
        #expect(items["u"]?["status"] == 200)
        #expect(items["u"]?["body"]?["value"]?.arrayValue?.count == 2)
        #expect(h.emulator.storedEvents(userId: EmulatorHarness.jane).count == before + 1)
    }

    // MARK: - Whole-batch 400s

    @Test(arguments: [
        ("duplicate ids, any case", batch([get("a", "/users"), get("A", "/users")])),
        ("21 requests", batch((1...21).map { get("\($0)", "/users") })),
        ("no requests", batch([])),
        ("body without headers", batch([#"{"id":"1","method":"POST","url":"/users/x/events","body":{}}"#])),
        ("absolute url", batch([get("1", "https://graph.microsoft.com/v1.0/users")])),
        ("unknown dependency", batch([#"{"id":"1","method":"GET","url":"/users","dependsOn":["9"]}"#])),
        ("not JSON", "{"),
    ])
    func aMalformedBatchIsOne400(_ case: String, _ body: String) async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.post, "/v1.0/$batch", body: body)
        #expect(reply.status == 400, "\(`case`)")
        #expect(reply.errorCode == "BadRequest", "\(`case`)")
        #expect(reply.json["responses"] == nil, "\(`case`)")
    }

    @Test func aBatchNeedsAToken() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.post, "/v1.0/$batch", body: Self.batch([Self.get("1", "/users")]), authorized: false)
        #expect(reply.status == 401)
    }

    // MARK: - Throttling inside a batch

    /// Six items for one mailbox are six concurrent requests: two are over the 4-per-mailbox limit.
    @Test func itemsOverTheMailboxLimitGetTheirOwn429() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.post, "/v1.0/$batch", body: Self.batch((1...6).map { Self.get("\($0)", Self.janeView) }))
        #expect(reply.status == 200)
        let items = Self.items(reply)
        let throttled = items.values.filter { $0["status"] == 429 }
        #expect(items.values.filter { $0["status"] == 200 }.count == 4)
        #expect(throttled.count == 2)
        for item in throttled {
            #expect(item["body"]?["error"]?["code"] == "ApplicationThrottled")
            // Lower-case by default: clients must look the header up case-insensitively.
            let retryAfter = try #require(item["headers"]?["retry-after"]?.stringValue.flatMap(Double.init))
            #expect(retryAfter > 0)
        }
        let report = h.emulator.throttlingReport()
        #expect(report.maxInFlightPerMailbox[EmulatorHarness.jane] == 6)
        #expect(report.faultsInjected["mailboxConcurrency429"] == 2)
        #expect(report.currentInFlight == 0)
    }

    @Test func theOlderRevisionsOuterStatusAndHeaderCaseAreSwitches() async throws {
        var configuration = EmulatorConfiguration()
        configuration.batchThrottledOuterStatus = 424
        configuration.batchItemRetryAfterHeader = "Retry-After"
        let h = try EmulatorHarness(configuration: configuration)
        let reply = await h.send(.post, "/v1.0/$batch", body: Self.batch((1...5).map { Self.get("\($0)", Self.janeView) }))
        #expect(reply.status == 424)
        let throttled = try #require(Self.items(reply).values.first { $0["status"] == 429 })
        #expect(throttled["headers"]?["Retry-After"]?.stringValue != nil)
        #expect(throttled["headers"]?["retry-after"] == nil)
    }

    @Test func itemsForDifferentMailboxesDoNotThrottleEachOther() async throws {
        let h = try EmulatorHarness()
        let people = [EmulatorHarness.jane, EmulatorHarness.bob, EmulatorHarness.carol, EmulatorHarness.dan]
        let requests = (0..<16).map { Self.get("\($0)", "/users/\(people[$0 % 4])/calendarView?\(Self.window)") }
        let reply = await h.send(.post, "/v1.0/$batch", body: Self.batch(requests))
        #expect(Self.items(reply).values.allSatisfy { $0["status"] == 200 })
        #expect(h.emulator.throttlingReport().maxInFlightPerMailbox.values.max() == 4)
    }

    /// One latency per HTTP request: a batch of 10 costs one added latency, not ten.
    @Test func aPlainBatchCostsOneLatency() async throws {
        let h = try EmulatorHarness()
        h.emulator.updateFaults { $0.addedLatencyMs = 1 }
        let people = [EmulatorHarness.jane, EmulatorHarness.bob, EmulatorHarness.carol, EmulatorHarness.dan]
        let requests = (0..<10).map { Self.get("\($0)", "/users/\(people[$0 % 4])/calendarView?\(Self.window)") }
        _ = await h.send(.post, "/v1.0/$batch", body: Self.batch(requests))
        #expect(h.emulator.throttlingReport().faultsInjected["addedLatency"] == 1)
    }
}
