import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import GraphEmulator
import Testing

/// GraphClient with `$batch` against the emulator (in-process): concurrent calls go out as batches,
/// each item is handled as its own request — throttled items wait for their own `Retry-After` and are
/// sent again, never dropped — and no mailbox ever has more than 4 requests in flight.
@Suite struct GraphClientBatchTests {
    static let window = GraphClientEmulatorTests.window
    static let people = 12

    struct Setup {
        let emulator: GraphEmulator
        let client: GraphClient
        let transport: CountingTransport
    }

    static func userId(_ n: Int) -> String { String(format: "33333333-0000-4000-8000-%012d", n) }

    static func setup(batching: BatchCoalescing = .standard, _ configure: (inout EmulatorConfiguration) -> Void = { _ in })
        throws -> Setup
    {
        let tenant = try EmulatorTenant(contentsOf: Fixtures.url("tenants/contoso.json").path)
        var configuration = EmulatorConfiguration()
        configure(&configuration)
        // Real time: Retry-After is waited for on the system clock, as in production.
        let clock = SystemWallClock()
        let emulator = GraphEmulator(tenant: tenant, configuration: configuration, zones: .bundled)
        for n in 0..<people {
            let events: [EmulatorJSON] = (0..<3).map { k in
                [
                    "subject": .string("Meeting \(k)"),
                    "start": ["dateTime": .string("2025-03-1\(k)T09:00:00"), "timeZone": "UTC"],
                    "end": ["dateTime": .string("2025-03-1\(k)T10:00:00"), "timeZone": "UTC"],
                ]
            }
            try emulator.addUser(
                EmulatorTenant.User(
                    id: userId(n), displayName: "P\(n)", mail: "p\(n)@contoso.example",
                    userPrincipalName: "p\(n)@contoso.example", events: events))
        }
        let app = tenant.apps[0]
        let integration = Integration(
            id: "int-1", name: "Contoso", tenantId: tenant.tenantId, clientId: app.clientId,
            clientSecret: Secret(app.clientSecret), graphBaseURL: "http://127.0.0.1:8089/v1.0",
            authorityHost: "http://127.0.0.1:8089")
        let transport = CountingTransport(InProcessTransport(emulator))
        let client = try GraphClient(
            integration: integration, transport: transport, zones: .bundled, clock: clock, gate: InFlightGate(maxInFlight: 4),
            retryPolicy: GraphRetryPolicy(maxRetries: 50, waitBudget: 60, backoffBase: 0.01, backoffCap: 0.05),
            batching: batching)
        return Setup(emulator: emulator, client: client, transport: transport)
    }

    /// `copies` concurrent initial delta rounds per person; returns the event ids each round listed.
    static func pullEveryone(_ client: GraphClient, copies: Int = 1) async throws -> [[String]] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for n in 0..<people {
                for _ in 0..<copies {
                    group.addTask {
                        let round = try await GraphClientEmulatorTests.round(client, user: userId(n), from: .initial(window))
                        return GraphClientEmulatorTests.upserted(round.changes).keys.sorted()
                    }
                }
            }
            var all: [[String]] = []
            for try await ids in group { all.append(ids) }
            return all
        }
    }

    @Test func concurrentPullsGoOutAsBatches() async throws {
        let setup = try Self.setup()
        let rounds = try await Self.pullEveryone(setup.client)
        #expect(rounds.count == Self.people)
        #expect(rounds.allSatisfy { $0.count == 3 })
        // 12 delta requests in at most a few batches, plus the token request.
        #expect(setup.transport.batches >= 1)
        #expect(setup.transport.total < Self.people)
    }

    @Test func requestsTricklingInStillShareABatch() async throws {
        // Each arrives well within the lull of the one before (0.4 s of 1.5 s: margin for a loaded machine), though
        // together they span more than one lull.
        let setup = try Self.setup(batching: BatchCoalescing(linger: 1.5, maxLinger: 10))
        _ = try await setup.client.mailboxTimeZone(userId: Self.userId(0))  // the token, out of the way
        let before = setup.transport.total
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...5 {
                group.addTask { _ = try await setup.client.mailboxTimeZone(userId: Self.userId(n)) }
                try await Task.sleep(for: .milliseconds(400))
            }
            try await group.waitForAll()
        }
        #expect(setup.transport.total - before == 1, "one $batch for the five")
    }

    @Test(arguments: [200, 424])
    func throttledItemsAreRetriedAfterTheirOwnRetryAfter(outerStatus: Int) async throws {
        let setup = try Self.setup { $0.batchThrottledOuterStatus = outerStatus }
        setup.emulator.updateFaults { faults in
            faults.throttle429 = 0.3
            faults.retryAfterSeconds = 0.01...0.05
            faults.seed = 7
        }
        // Six rounds per person at once: more than the mailbox's 4, so the gate must hold some back.
        let rounds = try await Self.pullEveryone(setup.client, copies: 6)
        #expect(rounds.count == Self.people * 6)
        #expect(rounds.allSatisfy { $0.count == 3 })
        let report = setup.emulator.throttlingReport()
        #expect((report.faultsInjected["throttle429"] ?? 0) > 0)
        #expect(report.maxInFlightPerMailbox.values.max() ?? 0 <= 4)
        #expect(report.faultsInjected["mailboxConcurrency429"] == nil)
        #expect(
            report.earlyRequestCount == 0,
            "\(report.earlyRequests.map { "\($0.mailbox) \($0.path) early by \($0.earlyBySeconds) of \($0.retryAfterSeconds)" })")
        #expect(setup.transport.batches >= 1)
    }

    @Test func batchedCreatesLandExactlyOnce() async throws {
        let setup = try Self.setup()
        setup.emulator.updateFaults { faults in
            faults.throttle429 = 0.25
            faults.retryAfterSeconds = 0.01...0.03
            faults.seed = 11
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<Self.people {
                for k in 0..<5 {
                    group.addTask {
                        var event = OutgoingEvent.sample(tag: "calsync|int-1|training|T-\(k)|P-\(n)")
                        event.subject = "Pushed \(k)"
                        _ = try await setup.client.createEvent(
                            userId: Self.userId(n), event: event, transactionId: "tx-\(n)-\(k)")
                    }
                }
            }
            try await group.waitForAll()
        }
        for n in 0..<Self.people {
            let pushed = setup.emulator.storedEvents(userId: Self.userId(n)).filter { $0.subject?.hasPrefix("Pushed") == true }
            #expect(pushed.count == 5)
            #expect(Set(pushed.compactMap(\.transactionId)).count == 5)
        }
        #expect((setup.emulator.throttlingReport().faultsInjected["throttle429"] ?? 0) > 0)
        #expect(setup.transport.batches >= 1)
    }

    @Test func aLostSyncStateIsReportedPerItem() async throws {
        let setup = try Self.setup()
        var links: [String] = []
        for n in 0..<4 {
            links.append(
                try await GraphClientEmulatorTests.round(setup.client, user: Self.userId(n), from: .initial(Self.window))
                    .deltaLink)
        }
        setup.emulator.expireDeltaTokens()
        let before = setup.transport.batches
        let kinds = await withTaskGroup(of: CalendarError.Kind?.self) { group in
            for (n, link) in links.enumerated() {
                group.addTask {
                    do {
                        _ = try await setup.client.calendarDelta(userId: Self.userId(n), cursor: .link(link))
                        return nil
                    } catch {
                        return (error as? CalendarError)?.kind
                    }
                }
            }
            var kinds: [CalendarError.Kind?] = []
            for await kind in group { kinds.append(kind) }
            return kinds
        }
        #expect(kinds == Array(repeating: .cursorExpired, count: 4))
        #expect(setup.transport.batches > before)
    }
}
