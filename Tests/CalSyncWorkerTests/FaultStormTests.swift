import CalSyncCore
import CalSyncProviderKit
import CalSyncStore
import CalSyncTesting
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

/// The issue's fault-storm proof: "20 % 429, 5 % 503, 2 % resets, 1 % 504-after-commit, tokens
/// expiring every 60 s: converges to the exact desired state within 3 cycles; highest in-flight per
/// mailbox ≤ 4; 0 requests before Retry-After."
///
/// The whole production path runs: the emulator behind a real socket server, `GraphClient` over
/// libcurl with the process-wide `InFlightGate`, the store on disk, `SyncEngine` cycles.
///
/// - Rates: each fault comes with exactly its probability (one draw per request, cut into bands).
/// - Tokens: issued for 60 s (`expires_in` 60), and, since the storm lasts seconds rather than minutes, every
///   token is also expired by the emulator every `tokenExpiryPeriod` seconds, unannounced: the client meets 401s
///   and must refresh on them (its own refresh at 80 % of `expires_in` would otherwise hide that path).
/// - A *cycle* is one `runCycle()` (match → pull → push, every due outbox operation once) followed by
///   the outbox settling: operations requeued with a `notBefore` (Retry-After, backoff) are carried out
///   when they become due, as the pusher's own timer does between cycles in production, waiting at
///   most `settleBudget` seconds (the client's Retry-After budget) in all. Pulls are never retried
///   between cycles; a pull that failed waits for the next cycle.
@Suite(.serialized) struct FaultStormTests {
    static let people = 10
    static let eventsPerPerson = 30
    static let ownEventsPerPerson = 4
    /// How long one cycle may wait for requeued operations to become due.
    static let settleBudget: TimeInterval = 30
    /// How often every access token is expired during the storm (see above).
    static let tokenExpiryPeriod: Duration = .seconds(3)

    static func user(_ n: Int) -> EmulatorTenant.User {
        EmulatorTenant.User(
            id: "u-storm-\(n)", displayName: "Trainer \(n)", mail: "trainer\(n)@contoso.example",
            userPrincipalName: "trainer\(n)@contoso.example",
            mailboxTimeZone: n.isMultiple(of: 2) ? "UTC" : "Romance Standard Time")
    }

    static var stormFaults: EmulatorFaults {
        var faults = EmulatorFaults()
        faults.throttle429 = 0.20
        faults.unavailable503 = 0.05
        faults.connectionReset = 0.02
        faults.gatewayTimeout504AfterCommit = 0.01
        faults.accessTokenLifetimeSeconds = 60
        // Fixed, so a run meets the same faults each time; CALSYNC_STORM_SEED tries another storm.
        faults.seed = ProcessInfo.processInfo.environment["CALSYNC_STORM_SEED"].flatMap { UInt64($0) } ?? 20_260_301
        return faults
    }

    @Test(.timeLimit(.minutes(2))) func aFaultStormConvergesToTheExactDesiredStateWithinThreeCycles() async throws {
        try await storm(
            Self.stormFaults, label: "429 20 %, 503 5 %, resets 2 %, 504-after-commit 1 %, tokens of 60 s expired every 3 s")
    }

    /// The same storm, plus the login endpoint's own faults (the same rates) and 5 % of delta tokens lost (410,
    /// a new full round). Regression for two bugs it found: an event deleted in the calendar while the delta token
    /// was lost was never recreated, and a drift repair that failed after its round was stored forgot the deletion.
    @Test(.timeLimit(.minutes(2))) func aStormWithTokenEndpointFaultsAndLostDeltaTokensConvergesToo() async throws {
        var faults = Self.stormFaults
        faults.faultTokenEndpoint = true
        faults.deltaSyncStateLoss = 0.05
        try await storm(faults, label: "the same, plus token endpoint faults and 5 % of delta tokens lost")
    }

    /// An event the person deleted while CalSync's delta token was lost is noticed by the full round that follows
    /// (no `@removed` comes) and recreated.
    @Test func anEventDeletedWhileTheDeltaTokenWasLostIsRecreated() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift Basics", start: Day.instant(3, 8), end: Day.instant(3, 16), instructorIds: ["i-ana"]))
        _ = try await h.cycle()
        _ = try await h.cycle()  // the pushed event is now behind the stored delta link
        let pushed = try #require(h.emulator.storedEvents(userId: "u-ana").first { $0.tag != nil })
        try h.emulator.removeEvent(userId: "u-ana", eventId: pushed.id)
        h.emulator.expireDeltaTokens()

        let report = try await h.cycle()
        #expect(report.integrations.first?.fullRounds == 1)
        #expect(report.integrations.first?.driftRecreated == 1)
        let events = h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil }
        #expect(events.count == 1)
        #expect(events.first?.id != pushed.id)
        // An event that is still there is not recreated by a full round.
        h.emulator.expireDeltaTokens()
        #expect(try await h.cycle().integrations.first?.driftRecreated == 0)
        #expect(h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil }.count == 1)
    }

    func storm(_ faults: EmulatorFaults, label: String) async throws {
        var configuration = EmulatorConfiguration()
        configuration.faults = faults
        let h = try await SyncHarness(users: (0..<Self.people).map(Self.user), configuration: configuration)
        defer { Task { await h.stop() } }
        let emulator = h.emulator
        let expiring = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.tokenExpiryPeriod)
                emulator.expireAccessTokens()
            }
        }
        defer { expiring.cancel() }

        // The scheduler's side: 10 instructors × 30 training events of their own = 300 pushes.
        for n in 0..<Self.people {
            try await h.add(Instructor(id: "i-\(n)", name: "Trainer \(n)", email: "Trainer\(n)@contoso.example"))
            for e in 0..<Self.eventsPerPerson {
                let start = Day.instant(1 + e, 8 + n % 4)
                let event = TrainingEvent(
                    id: "t-\(n)-\(e)", title: "Course \(e) for trainer \(n)", start: start, end: start.addingTimeInterval(5_400),
                    timeZone: "Europe/Paris", location: "Room \(e % 7)", instructorIds: ["i-\(n)"])
                try await h.store.saveTrainingEvent(event)
            }
        }
        // The people's side: events they made themselves, to be pulled as busy blocks (side door: no faults).
        var own: [String: Set<String>] = [:]  // user id → event ids
        for n in 0..<Self.people {
            for k in 0..<Self.ownEventsPerPerson {
                let id = try h.emulator.addEvent(
                    userId: "u-storm-\(n)",
                    json: Body.event("Own \(k)", start: Day.wall(2 + 3 * k, 18), end: Day.wall(2 + 3 * k, 19)))
                own["u-storm-\(n)", default: []].insert(id)
            }
        }

        let started = ContinuousClock.now
        let first = try await converge(h, own: own)
        #expect(first.problems.isEmpty, "the mailboxes match the desired state exactly")
        #expect(first.cycles <= 3, "the first sync converged within 3 cycles")

        // Phase 2, still in the storm: both sides change. The scheduler moves and renames 30 sessions,
        // cancels 20 and hands 10 to another trainer (API writes: saved with their outbox operations in
        // one transaction); people delete 10 pushed events, move 10 others, add and remove their own.
        try await h.store.write { db in
            let now = Date()
            for n in 0..<Self.people {
                for e in 0..<Self.eventsPerPerson {
                    guard var event = try db.trainingEvent(id: "t-\(n)-\(e)") else { continue }
                    switch e {
                    case 0, 10, 20:
                        event.start.addTimeInterval(3_600)
                        event.end.addTimeInterval(3_600)
                        event.title += " (moved)"
                    case 5, 15: event.status = .cancelled
                    case 25: event.instructorIds = ["i-\((n + 1) % Self.people)"]
                    default: continue
                    }
                    try db.saveTrainingEvent(event)
                    try OutboxPlanner.enqueue(
                        in: db, itemKind: .event, itemId: event.id, now: now, vocabularies: graphVocabularies)
                }
            }
        }
        for n in 0..<Self.people {
            let userId = "u-storm-\(n)"
            func tag(_ item: String) -> String {
                EventTag.value(
                    for: PushKey(integrationId: h.integration.id, itemKind: .event, itemId: item, instructorId: "i-\(n)"))
            }
            for event in h.emulator.storedEvents(userId: userId) {
                if event.tag == tag("t-\(n)-1") {  // deleted in Outlook: recreated
                    try h.emulator.removeEvent(userId: userId, eventId: event.id)
                } else if event.tag == tag("t-\(n)-11") {  // moved in Outlook: put back
                    try h.emulator.updateEvent(
                        userId: userId, eventId: event.id,
                        json: [
                            "start": ["dateTime": .string(Day.wall(40, 10)), "timeZone": "UTC"],
                            "end": ["dateTime": .string(Day.wall(40, 11)), "timeZone": "UTC"],
                        ])
                }
            }
            let gone = own[userId]!.sorted().first!
            try h.emulator.removeEvent(userId: userId, eventId: gone)
            own[userId]!.remove(gone)
            own[userId]!.insert(
                try h.emulator.addEvent(
                    userId: userId, json: Body.event("New own", start: Day.wall(33, 7), end: Day.wall(33, 8), showAs: "oof")))
        }
        let second = try await converge(h, own: own)
        let duration = ContinuousClock.now - started

        let throttling = h.emulator.throttlingReport()
        let operations = try await h.store.operations(integrationId: h.integration.id, limit: 10_000)
        let attempts = operations.map(\.attempts).reduce(0, +)
        let stats = h.emulator.stats()
        let tokenRequests = stats.counts.filter { $0.key.route.contains("token") }.values.reduce(0, +)
        let expiredTokenAnswers = stats.counts.filter { $0.key.status == 401 && !$0.key.route.contains("token") }.values.reduce(
            0, +)
        let maxInFlight = throttling.maxInFlightPerMailbox.values.max() ?? 0
        let byAction = Dictionary(grouping: operations, by: { "\($0.action.rawValue)" }).mapValues(\.count)
        print(
            """
            fault storm: \(Self.people) people × \(Self.eventsPerPerson) training events (300 pushes), \
            \(Self.ownEventsPerPerson) own events each; \(label)
            phase 1 (first sync):
            \(first.log.joined(separator: "\n"))
            phase 2 (30 moved, 20 cancelled, 10 reassigned; 10 deleted and 10 moved in Outlook; own events changed):
            \(second.log.joined(separator: "\n"))
            cycles to converge: \(first.cycles) then \(second.cycles) (remaining differences: \(second.problems.count))
            operations: \(operations.count) in the log \(byAction.sorted { $0.key < $1.key }), \(attempts) attempts, \
            statuses \(Dictionary(grouping: operations, by: \.status.rawValue).mapValues(\.count))
            requests: \(stats.total) to the emulator (\(tokenRequests) token requests, \(expiredTokenAnswers) answered 401 for an expired token)
            faults injected: \(throttling.faultsInjected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            max in flight per mailbox: \(maxInFlight); overall \(throttling.overallMaxInFlight)
            early requests (before Retry-After): \(throttling.earlyRequestCount)
            duration: \(duration)
            """)
        for problem in (first.problems + second.problems).prefix(20) { print("  difference: \(problem)") }
        for early in throttling.earlyRequests.prefix(10) {
            print("  early: \(early.method) \(early.path) by \(early.earlyBySeconds) s of \(early.retryAfterSeconds) s")
        }

        #expect(second.problems.isEmpty, "the mailboxes match the changed desired state exactly")
        #expect(second.cycles <= 3, "the changes converged within 3 cycles")
        #expect(maxInFlight <= 4)
        #expect(throttling.earlyRequestCount == 0)
        // The storm really had each kind of fault, and tokens really expired under the client.
        for fault in ["throttle429", "unavailable503", "connectionReset", "gatewayTimeout504AfterCommit"] {
            #expect((throttling.faultsInjected[fault] ?? 0) > 0, "\(fault) was injected")
        }
        #expect(expiredTokenAnswers > 0, "the client met expired tokens and refreshed on 401")
        #expect(operations.allSatisfy { $0.status == .success }, "no operation left pending or failed")
        // The storm did happen.
        #expect(throttling.faultsInjected["throttle429", default: 0] > 50)
        #expect(throttling.faultsInjected["unavailable503", default: 0] > 5)
        #expect(throttling.faultsInjected["connectionReset", default: 0] > 0)
        #expect(tokenRequests > 1, "tokens expired and were renewed during the run")
    }

    struct Convergence {
        var cycles = 0
        var problems: [String] = []
        var log: [String] = []
    }

    /// Runs cycles (each settling the outbox) until the mailboxes and the store match the desired state,
    /// at most 5 (the test asserts ≤ 3; the extra ones say how far off a failure was).
    func converge(_ h: SyncHarness, own: [String: Set<String>]) async throws -> Convergence {
        var result = Convergence()
        repeat {
            result.cycles += 1
            let report = try await h.cycle()
            let drains = try await settle(h)
            result.problems = try await differences(h, desired: try await desiredState(h), own: own)
            let counts = report.integrations.reduce(into: [0, 0, 0, 0, 0]) {
                $0[0] += $1.created
                $0[1] += $1.updated
                $0[2] += $1.deleted
                $0[3] += $1.driftPutBack
                $0[4] += $1.driftRecreated
            }
            result.log.append(
                "  cycle \(result.cycles): pulled \(report.pulled) block changes; created \(counts[0]), updated \(counts[1]), "
                    + "deleted \(counts[2]) (drift: \(counts[3]) put back, \(counts[4]) recreated); \(report.errorCount) errors; "
                    + "\(drains) outbox drains while settling; \(result.problems.count) differences left")
        } while !result.problems.isEmpty && result.cycles < 5
        return result
    }

    /// Every push key the scheduler's data asks for now: tag → mailbox and times.
    func desiredState(_ h: SyncHarness) async throws -> [String: (userId: String, range: TimeRange)] {
        var desired: [String: (userId: String, range: TimeRange)] = [:]
        for event in try await h.store.trainingEvents() where event.status == .scheduled {
            for instructorId in event.instructorIds {
                let key = PushKey(integrationId: h.integration.id, itemKind: .event, itemId: event.id, instructorId: instructorId)
                desired[EventTag.value(for: key)] = ("u-storm-" + instructorId.dropFirst(2), event.range)
            }
        }
        return desired
    }

    /// Waits for the outbox's requeued operations to become due and carries them out (what the pusher's
    /// timer does between cycles), for at most `settleBudget`. Returns how many drains it ran.
    func settle(_ h: SyncHarness) async throws -> Int {
        let deadline = Date().addingTimeInterval(Self.settleBudget)
        var drains = 0
        while true {
            let (due, next) = try await h.store.dueOperations(now: Date())
            if due.isEmpty {
                guard let next, next <= deadline else { return drains }
                try await Task.sleep(for: .seconds(max(0, next.timeIntervalSinceNow) + 0.01))
                continue
            }
            drains += 1
            await h.engine.drainOutbox()
        }
    }

    /// How the mailboxes and the store differ from the desired state (empty when they match exactly):
    /// every desired event exactly once, at its times; no other CalSync event; the people's own events
    /// untouched, and stored as busy blocks, and nothing else.
    func differences(_ h: SyncHarness, desired: [String: (userId: String, range: TimeRange)], own: [String: Set<String>])
        async throws -> [String]
    {
        var problems: [String] = []
        let wanted = desired.mapValues { MailboxOracle.Desired(calendar: $0.userId, range: $0.range) }
        for n in 0..<Self.people {
            let userId = "u-storm-\(n)"
            let items = h.emulator.storedEvents(userId: userId).map {
                MailboxOracle.Item(id: $0.id, tag: $0.tag, range: TimeRange(start: $0.start, end: $0.end))
            }
            let blocks = Set(try await h.blocks("i-\(n)").map(\.externalId))
            problems += MailboxOracle.differences(
                calendar: userId, items: items, desired: wanted, own: own[userId] ?? [], blocks: blocks)
        }
        return problems
    }
}
