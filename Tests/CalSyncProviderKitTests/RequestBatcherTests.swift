import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import Testing

/// `RequestBatcher` with a made-up wire format (`LineBatchWire`): the coalescing, the grouping, the per-part answers
/// and the per-calendar `Retry-After` are the kit's, whatever the calendar system. Partial batches never linger out
/// here (a minute), so only full batches go: what is sent does not depend on the machine's speed.
@Suite struct RequestBatcherTests {
    static let coalescing = BatchCoalescing(maxItems: 10, linger: 60, maxLinger: 60)

    static func request(_ path: String, token: String = "Bearer one") -> HTTPClientRequest {
        var headers = HTTPHeaders()
        headers.add("Authorization", token)
        return HTTPClientRequest(method: .get, url: URL(string: "https://calendar.test\(path)")!, headers: headers)
    }

    /// Sends every request at once through `batcher`; the answers in the same order.
    static func sendAll(_ batcher: RequestBatcher, _ requests: [(HTTPClientRequest, InFlightKey)]) async throws
        -> [HTTPClientResponse]
    {
        try await withThrowingTaskGroup(of: (Int, HTTPClientResponse).self) { group in
            for (index, (request, key)) in requests.enumerated() {
                group.addTask { (index, try await batcher.send(request, key: key)) }
            }
            var answers: [Int: HTTPClientResponse] = [:]
            for try await (index, answer) in group { answers[index] = answer }
            return requests.indices.map { answers[$0]! }
        }
    }

    static func calendarRequests(_ names: [String], token: String = "Bearer one") -> [(HTTPClientRequest, InFlightKey)] {
        names.map { (request("/calendars/\($0)", token: token), InFlightKey.calendar($0)) }
    }

    static func text(_ response: HTTPClientResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func coalescingOffMakesNoBatcher() {
        #expect(
            RequestBatcher(
                transport: LineBatchServer(), wire: LineBatchWire(), configuration: .off, gate: InFlightGate(maxInFlight: 4))
                == nil)
    }

    @Test func concurrentRequestsGoAsBatchesOfTheWireFormatsSizeAndEachGetsItsOwnAnswer() async throws {
        let server = LineBatchServer()
        let batcher = try #require(
            RequestBatcher(
                transport: server, wire: LineBatchWire(), configuration: Self.coalescing, gate: InFlightGate(maxInFlight: 4)))
        let names = ["a", "b", "c", "d", "e", "f"]
        let answers = try await Self.sendAll(batcher, Self.calendarRequests(names))
        #expect(answers.map(Self.text) == names.map { "/calendars/\($0)" })
        #expect(server.requests.map(\.url.path) == ["/batch", "/batch"])
        #expect(server.requests.allSatisfy { $0.headers["Authorization"] == "Bearer one" })
    }

    @Test func aRequestTheWireFormatCannotBatchGoesAlone() async throws {
        let server = LineBatchServer()
        let batcher = try #require(
            RequestBatcher(
                transport: server, wire: LineBatchWire(), configuration: Self.coalescing, gate: InFlightGate(maxInFlight: 4)))
        let answer = try await batcher.send(Self.request("/directory/users"), key: .account())
        #expect(Self.text(answer) == "/directory/users")
        #expect(server.requests.map(\.url.path) == ["/directory/users"])
    }

    @Test func aBatchCarriesOneGroup() async throws {
        let server = LineBatchServer()
        let batcher = try #require(
            RequestBatcher(
                transport: server, wire: LineBatchWire(), configuration: Self.coalescing, gate: InFlightGate(maxInFlight: 4)))
        let mixed =
            Self.calendarRequests(["a", "b", "c"], token: "Bearer one")
            + Self.calendarRequests(["d", "e", "f"], token: "Bearer two")
        _ = try await Self.sendAll(batcher, mixed.shuffled())
        let batches = server.requests.map { ($0.headers["Authorization"] ?? "", Self.parts(of: $0)) }
        #expect(batches.count == 2)
        for (token, parts) in batches {
            #expect(
                parts.sorted()
                    == (token == "Bearer one"
                        ? ["/calendars/a", "/calendars/b", "/calendars/c"] : ["/calendars/d", "/calendars/e", "/calendars/f"]))
        }
    }

    @Test func aThrottledPartHoldsBackItsCalendarOnly() async throws {
        let server = LineBatchServer(throttled: ["/calendars/b"])
        let gate = InFlightGate(maxInFlight: 4)
        let batcher = try #require(
            RequestBatcher(transport: server, wire: LineBatchWire(), configuration: Self.coalescing, gate: gate))
        let answers = try await Self.sendAll(batcher, Self.calendarRequests(["a", "b", "c"]))
        #expect(answers.map(\.status) == [200, 429, 200])
        #expect((gate.remainingDeferral(.calendar("b")) ?? 0) > 25)
        #expect(gate.remainingDeferral(.calendar("a")) == nil)
    }

    @Test func aWholeAnswerWithoutPartsGoesToEveryPart() async throws {
        let busy = HTTPClientResponse(status: 503, body: Data("busy".utf8))
        let batcher = try #require(
            RequestBatcher(
                transport: LineBatchServer(wholeAnswer: busy), wire: LineBatchWire(), configuration: Self.coalescing,
                gate: InFlightGate(maxInFlight: 4)))
        let answers = try await Self.sendAll(batcher, Self.calendarRequests(["a", "b", "c"]))
        #expect(answers.map(\.status) == [503, 503, 503])
    }

    @Test func anUnreadableSuccessFailsEveryPartAsATransportError() async throws {
        let garbled = HTTPClientResponse(status: 200, body: Data("not a batch".utf8))
        let batcher = try #require(
            RequestBatcher(
                transport: LineBatchServer(wholeAnswer: garbled), wire: LineBatchWire(), configuration: Self.coalescing,
                gate: InFlightGate(maxInFlight: 4)))
        await #expect(throws: HTTPTransportError.self) {
            _ = try await Self.sendAll(batcher, Self.calendarRequests(["a", "b", "c"]))
        }
    }

    static func parts(of batch: HTTPClientRequest) -> [String] {
        String(decoding: batch.body ?? Data(), as: UTF8.self).split(separator: "\n").map { String($0.split(separator: " ")[2]) }
    }
}
