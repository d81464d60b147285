import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import Testing

/// `GraphClient` with the mailbox gate and the retry policy (docs/product-rules.md "Reliability model",
/// docs/microsoft-365.md §5 transactionId, §7 throttling). Nothing here sleeps for real: the gate runs on a
/// mock clock with a `TestSleeper` that records each requested wait.
@Suite struct ThrottlingTests {
    static let timeZone = #"{"timeZone":"UTC"}"#
    static let created = #"{"id":"new-1"}"#
    static let throttled = Fixtures.text("graph/error-throttled.json")
    static let serverError = #"{"error":{"code":"UnknownError","message":"Internal server error"}}"#

    struct ConstantRandom: RandomSource {
        let value: Double
        func nextUnit() -> Double { value }
    }

    static func retryAfter(_ value: String) -> HTTPHeaders { ["Retry-After": value] }

    static func approximately(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 0.000_1 }

    // MARK: - Concurrency per mailbox

    @Test func atMostFourRequestsAreInFlightPerMailbox() async throws {
        let transport = BlockingTransport()
        let client = try TestIntegration.client(transport)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await client.mailboxTimeZone(userId: "busy") } }
            for _ in 0..<3 { group.addTask { try await client.mailboxTimeZone(userId: "calm") } }
            // The other mailbox gets all its requests through while the busy one is saturated.
            let busy = client.mailboxKey(userId: "busy")
            #expect(
                await eventually {
                    transport.inFlight("busy") == 4 && transport.inFlight("calm") == 3 && client.gate.waiting(busy) == 6
                })
            try await Task.sleep(for: .milliseconds(100))  // room for a fifth to slip through, if it could
            #expect(transport.inFlight("busy") == 4)
            #expect(client.gate.inFlight(busy) == 4)
            #expect(client.gate.waiting(busy) == 6)
            #expect(client.gate.waiting(client.mailboxKey(userId: "calm")) == 0)
            transport.releaseAll()
            var answers = 0
            for try await answer in group {
                #expect(answer == "UTC")
                answers += 1
            }
            #expect(answers == 13)
        }
        #expect(transport.peakInFlight("busy") == 4)
        #expect(transport.peakInFlight("calm") == 3)
        #expect(client.gate.inFlight(client.mailboxKey(userId: "busy")) == 0)
    }

    @Test func directoryCallsHaveTheirOwnKey() async throws {
        #expect(InFlightKey.forRequest(URL(string: "https://g/v1.0/users?$top=999")!, scope: "s") == .account(scope: "s"))
        #expect(InFlightKey.forRequest(URL(string: "https://g/v1.0/users/U1/events")!, scope: "s") == .calendar("u1", scope: "s"))
    }

    // MARK: - Retry-After

    @Test func aRetryAfterIsHonouredForTheMailboxOnly() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let sleeper = TestSleeper(clock: clock, hold: true)
        let log = SendLog(clock: clock)
        let transport = ScriptedTransport(graph: [
            log.step(429, Self.throttled, headers: Self.retryAfter("2.128")),
            log.step(200, Self.timeZone), log.step(200, Self.timeZone), log.step(200, Self.timeZone),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)

        let first = Task { try await client.mailboxTimeZone(userId: "a") }
        #expect(await eventually { sleeper.parkedCount == 1 })
        // A new call to the same mailbox (ids compare case-insensitively) waits too, unsent.
        let second = Task { try await client.mailboxTimeZone(userId: "A") }
        #expect(await eventually { sleeper.parkedCount == 2 })
        // Another mailbox is not delayed.
        #expect(try await client.mailboxTimeZone(userId: "b") == "UTC")
        #expect(log.entries.map(\.mailbox) == ["a", "b"])
        #expect(sleeper.sleeps.count == 2)
        #expect(sleeper.sleeps.allSatisfy { Self.approximately($0, 2.128) })

        sleeper.releaseAll()
        #expect(try await first.value == "UTC")
        #expect(try await second.value == "UTC")
        let a = log.entries(for: "a")
        #expect(a.count == 3)
        #expect(a.dropFirst().allSatisfy { $0.at.timeIntervalSince(start) >= 2.128 - 0.000_1 })
        #expect(log.entries(for: "b").allSatisfy { $0.at == start })
    }

    @Test func aLaterThrottleWithinTheBudgetIsWaitedOut() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let log = SendLog(clock: clock)
        let transport = ScriptedTransport(graph: [
            log.step(429, Self.throttled, headers: Self.retryAfter("0.249")),
            log.step(503, "", headers: Self.retryAfter("10")),
            log.step(200, Self.timeZone),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(sleeper.sleeps.count == 2)
        #expect(Self.approximately(sleeper.sleeps[0], 0.249))
        #expect(Self.approximately(sleeper.sleeps[1], 10))
        let times = log.entries.map { $0.at.timeIntervalSince(log.entries[0].at) }
        #expect(times[1] >= 0.249 - 0.000_1)
        #expect(times[2] >= 10.249 - 0.000_1)
    }

    @Test func oneGateServesEveryClientOfTheProcess() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let sleeper = TestSleeper(clock: clock)
        let gate = InFlightGate(maxInFlight: 4, clock: clock, sleeper: sleeper)
        let log = SendLog(clock: clock)
        let first = try TestIntegration.client(
            ScriptedTransport(graph: [log.step(429, Self.throttled, headers: Self.retryAfter("5"))]), clock: clock,
            gate: gate, retryPolicy: .noRetries)
        let second = try TestIntegration.client(
            ScriptedTransport(graph: [log.step(200, Self.timeZone)]), clock: clock, gate: gate)

        let error = await calendarError { _ = try await first.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .throttled)
        #expect(error?.retryAfter == 5)
        // The other client's request to that mailbox waits for the Retry-After first.
        #expect(try await second.mailboxTimeZone(userId: "u") == "UTC")
        #expect(sleeper.sleeps.count == 1)
        #expect(Self.approximately(sleeper.sleeps[0], 5))
        #expect(log.entries[1].at.timeIntervalSince(start) >= 5 - 0.000_1)
    }

    @Test func aBatchItemsRetryAfterCanDeferTheMailbox() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: [.json(200, Self.timeZone)])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        client.gate.deferRequests(client.mailboxKey(userId: "u"), seconds: 3)
        client.gate.deferRequests(client.mailboxKey(userId: "u"), seconds: 1)  // never moved earlier
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(sleeper.sleeps.count == 1)
        #expect(Self.approximately(sleeper.sleeps[0], 3))
    }

    // MARK: - Backoff

    @Test func throttlingWithoutRetryAfterBacksOffWithJitterWithinBounds() async throws {
        func run(_ random: any RandomSource) async throws -> [Double] {
            let clock = ManualClock()
            let sleeper = TestSleeper(clock: clock)
            let transport = ScriptedTransport(graph: [
                .status(503), .status(503), .json(429, Self.throttled), .status(503), .json(200, Self.timeZone),
            ])
            let client = try TestIntegration.client(
                transport, clock: clock, sleeper: sleeper, retryPolicy: GraphRetryPolicy(random: random))
            #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
            #expect(transport.graphRequests.count == 5)
            return sleeper.sleeps
        }
        // The ceiling doubles from 0.5 s; each wait is uniform below it.
        let grows = try await run(ConstantRandom(value: 0.75))
        #expect(grows.count == 4)
        for (wait, expected) in zip(grows, [0.375, 0.75, 1.5, 3.0]) { #expect(Self.approximately(wait, expected)) }

        var seen: Set<[Double]> = []
        for seed in UInt64(1)...5 {
            let waits = try await run(SeededRandomSource(seed: seed))
            #expect(waits.count == 4)
            for (retry, wait) in waits.enumerated() {
                #expect(wait >= 0 && wait < 0.5 * pow(2, Double(retry)) + 0.000_1)
            }
            #expect(try await run(SeededRandomSource(seed: seed)) == waits)  // deterministic per seed
            seen.insert(waits)
        }
        #expect(seen.count == 5)  // and jittered
    }

    @Test func backoffIsCappedAtEightSeconds() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: Array(repeating: .status(500), count: 7) + [.json(200, Self.timeZone)])
        let policy = GraphRetryPolicy(maxRetries: 7, waitBudget: 100, random: ConstantRandom(value: 0.999))
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper, retryPolicy: policy)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        let expected = [0.4995, 0.999, 1.998, 3.996, 7.992, 7.992, 7.992]
        #expect(sleeper.sleeps.count == expected.count)
        for (wait, value) in zip(sleeper.sleeps, expected) { #expect(Self.approximately(wait, value)) }
        #expect(policy.backoffCeiling(retry: 40) == 8)
    }

    // MARK: - Idempotent requests

    @Test func aReadIsRetriedOnServerErrorsAndTimeouts() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let log = SendLog(clock: clock)
        let transport = ScriptedTransport(graph: [
            log.step(500, Self.serverError), log.failure(.timeout), log.failure(.connectionReset),
            log.step(504), log.step(200, Self.timeZone),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(log.entries.count == 5)
        #expect(sleeper.sleeps.count == 4)
        for (retry, wait) in sleeper.sleeps.enumerated() { #expect(wait >= 0 && wait < 0.5 * pow(2, Double(retry))) }
        // Backoff after a 5xx is the request's own: the mailbox is not deferred for others.
        #expect(client.gate.notBefore(client.mailboxKey(userId: "u")) == nil)
    }

    @Test func updatesAndDeletesAreRetried() async throws {
        let transport = ScriptedTransport(graph: [
            .json(502, Self.serverError), .fixture("event-created.json"),
            .status(504), .json(404, #"{"error":{"code":"ErrorItemNotFound","message":"gone"}}"#),
        ])
        let client = try TestIntegration.client(transport)
        try await client.updateEvent(userId: "u", eventId: "e1", event: .sample())
        // The first DELETE may have worked: its retry then finds the event gone.
        let error = await calendarError { try await client.deleteEvent(userId: "u", eventId: "e1") }
        #expect(error?.kind == .notFound)
        #expect(transport.graphRequests.map(\.method) == [.patch, .patch, .delete, .delete])
        #expect(transport.graphRequests[0].body == transport.graphRequests[1].body)
    }

    @Test func aReadGivesUpAfterFourRetries() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: Array(repeating: .json(500, Self.serverError), count: 5))
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .transient)
        #expect(error?.httpStatus == 500)
        #expect(error?.providerCode == "UnknownError")
        #expect(error?.message.contains("gave up after 4 retries") == true)
        #expect(transport.graphRequests.count == 5)
        #expect(sleeper.sleeps.count == 4)
    }

    @Test(arguments: [400, 403, 404, 501])
    func otherFailuresAreNotRetried(status: Int) async throws {
        let sleeper = TestSleeper(clock: nil)
        let transport = ScriptedTransport(graph: [.json(status, #"{"error":{"code":"Nope","message":"no"}}"#)])
        let client = try TestIntegration.client(transport, sleeper: sleeper)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.httpStatus == status)
        #expect(transport.graphRequests.count == 1)
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test func aTokenRefreshedDuringRetriesIsUsedOnce() async throws {
        let transport = ScriptedTransport(graph: [
            .json(401, #"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#),
            .json(429, Self.throttled, headers: Self.retryAfter("1")), .json(200, Self.timeZone),
        ])
        let client = try TestIntegration.client(transport)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(
            transport.graphRequests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2", "Bearer token-2"])
        #expect(transport.tokenRequests.count == 2)
    }

    // MARK: - Creates (POST)

    @Test(arguments: ["500", "502", "504", "timeout", "connectionReset", "other"])
    func aCreateIsNotResentWhenItsOutcomeIsUnknown(failure: String) async throws {
        let sleeper = TestSleeper(clock: nil)
        let step: ScriptedTransport.Step
        switch failure {
        case "timeout": step = .fail(HTTPTransportError(.timeout, "timed out after 30 s"))
        case "connectionReset": step = .fail(HTTPTransportError(.connectionReset, "connection reset by peer"))
        case "other": step = .fail(HTTPTransportError(.other, "something odd"))
        default: step = .json(Int(failure) ?? 500, Self.serverError)
        }
        let transport = ScriptedTransport(graph: [step])
        let client = try TestIntegration.client(transport, sleeper: sleeper)
        let error = await calendarError { _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "tx-1") }
        #expect(error?.kind == .transient)
        #expect(error?.providerCode == CalendarError.outcomeUnknownCode)
        #expect(error?.isOutcomeUnknown == true)
        #expect(error?.httpStatus == Int(failure))
        #expect(error?.message.contains("look the event up by its tag") == true)
        #expect(transport.graphRequests.count == 1)
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test func aCreateIsResentWhenTheConnectionCouldNotBeMade() async throws {
        let transport = ScriptedTransport(graph: [
            .fail(HTTPTransportError(.connectionFailed, "could not connect")), .json(201, Self.created),
        ])
        let client = try TestIntegration.client(transport)
        #expect(try await client.createEvent(userId: "u", event: .sample(), transactionId: "tx-1") == "new-1")
        #expect(transport.graphRequests.count == 2)
    }

    @Test func aThrottledCreateIsResentWithTheSameTransactionId() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: [
            .json(429, Self.throttled, headers: Self.retryAfter("0.5")), .status(503), .json(201, Self.created),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        #expect(try await client.createEvent(userId: "u", event: .sample(), transactionId: "tx-1") == "new-1")
        let requests = transport.graphRequests
        #expect(requests.map(\.method) == [.post, .post, .post])
        #expect(requests.allSatisfy { $0.jsonBody["transactionId"] as? String == "tx-1" })
        #expect(requests.allSatisfy { $0.body == requests[0].body })
        #expect(sleeper.sleeps.count == 2)
        #expect(Self.approximately(sleeper.sleeps[0], 0.5))
    }

    // MARK: - Giving up on throttling

    @Test func throttlingBeyondTheWaitBudgetIsThrottledWithRetryAfter() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: [
            .json(429, Self.throttled, headers: Self.retryAfter("20")),
            .json(429, Self.throttled, headers: Self.retryAfter("20")),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        let error = await calendarError { _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "t") }
        #expect(error?.kind == .throttled)
        #expect(error?.httpStatus == 429)
        #expect(error?.retryAfter == 20)
        #expect(error?.message.contains("gave up after 1 retry") == true)
        #expect(error?.description.contains("token-") == false)
        #expect(transport.graphRequests.count == 2)
        #expect(sleeper.sleeps.count == 1)
        #expect(Self.approximately(sleeper.sleeps[0], 20))
    }

    @Test func throttlingBeyondFourRetriesIsThrottledWithRetryAfter() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(
            graph: Array(repeating: .json(429, Self.throttled, headers: Self.retryAfter("1")), count: 5))
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        let error = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(error?.kind == .throttled)
        #expect(error?.retryAfter == 1)
        #expect(transport.graphRequests.count == 5)
        #expect(sleeper.sleeps.count == 4)
    }

    @Test func aMailboxDeferredBeyondTheBudgetFailsFastWithoutSending() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let transport = ScriptedTransport(graph: [
            .json(429, Self.throttled, headers: Self.retryAfter("120")), .json(200, Self.timeZone),
            .json(200, Self.timeZone),
        ])
        let client = try TestIntegration.client(transport, clock: clock, sleeper: sleeper)
        let first = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(first?.kind == .throttled)
        #expect(first?.retryAfter == 120)
        #expect(transport.graphRequests.count == 1)

        clock.advance(by: 20)
        let second = await calendarError { _ = try await client.mailboxTimeZone(userId: "u") }
        #expect(second?.kind == .throttled)
        #expect(second?.providerCode == CalendarError.deferredCode)
        #expect(second.flatMap(\.retryAfter).map { Self.approximately($0, 100) } == true)
        #expect(transport.graphRequests.count == 1)
        #expect(sleeper.sleeps.isEmpty)

        #expect(try await client.mailboxTimeZone(userId: "other") == "UTC")
        clock.advance(by: 100)
        #expect(try await client.mailboxTimeZone(userId: "u") == "UTC")
        #expect(transport.graphRequests.count == 3)
    }
}
