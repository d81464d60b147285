import CalSyncGraph
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import Synchronization
import Testing

@Suite struct InFlightGateTests {
    let key = InFlightKey.calendar("u", scope: "app")

    /// Collects values from concurrent tasks in arrival order.
    final class Order: Sendable {
        private let values = Mutex<[Int]>([])
        func append(_ value: Int) { values.withLock { $0.append(value) } }
        var all: [Int] { values.withLock { $0 } }
    }

    @Test func waitersAreAdmittedInArrivalOrder() async throws {
        let gate = InFlightGate(maxInFlight: 1, clock: ManualClock(), sleeper: TestSleeper(clock: nil))
        let holder = try await gate.enter(key)
        let order = Order()
        var tasks: [Task<Void, any Error>] = []
        for number in 1...5 {
            let key = self.key
            tasks.append(
                Task {
                    let permit = try await gate.enter(key)
                    order.append(number)
                    permit.release()
                })
            #expect(await eventually { gate.waiting(key) == number })
        }
        holder.release()
        for task in tasks { try await task.value }
        #expect(order.all == [1, 2, 3, 4, 5])
        #expect(gate.inFlight(key) == 0)
        #expect(gate.waiting(key) == 0)
    }

    @Test func aQueuedRequestCanBeCancelled() async throws {
        let gate = InFlightGate(maxInFlight: 1, clock: ManualClock(), sleeper: TestSleeper(clock: nil))
        let holder = try await gate.enter(key)
        let key = self.key
        let waiting = Task { try await gate.enter(key) }
        #expect(await eventually { gate.waiting(key) == 1 })
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(gate.waiting(key) == 0)
        #expect(gate.inFlight(key) == 1)
        holder.release()
        holder.release()  // a second release is a no-op
        #expect(gate.inFlight(key) == 0)
        let next = try await gate.enter(key)
        #expect(gate.inFlight(key) == 1)
        next.release()
    }

    @Test func weightedPermitsQueueWithoutOvertaking() async throws {
        let gate = InFlightGate(maxInFlight: 4, clock: ManualClock(), sleeper: TestSleeper(clock: nil))
        let batch = try await gate.enter(key, weight: 3)
        let key = self.key
        let order = Order()
        let heavy = Task {
            let permit = try await gate.enter(key, weight: 2)
            order.append(2)
            return permit
        }
        #expect(await eventually { gate.waiting(key) == 1 })
        let light = Task {
            let permit = try await gate.enter(key)
            order.append(1)
            return permit
        }
        #expect(await eventually { gate.waiting(key) == 2 })
        #expect(gate.inFlight(key) == 3)  // one slot free, but the head of the queue needs two
        batch.release()
        let heavyPermit = try await heavy.value
        let lightPermit = try await light.value
        #expect(order.all == [2, 1])
        #expect(gate.inFlight(key) == 3)
        heavyPermit.release()
        lightPermit.release()
        #expect(gate.inFlight(key) == 0)
        // A weight above the limit is clamped instead of waiting forever.
        let all = try await gate.enter(key, weight: 9)
        #expect(all.weight == 4)
        all.release()
    }

    @Test func deferralSleepsUntilNotBeforeAndNeverMovesEarlier() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let gate = InFlightGate(maxInFlight: 4, clock: clock, sleeper: sleeper)
        gate.deferRequests(key, seconds: 2.128)
        gate.deferRequests(key, seconds: 1)
        #expect(gate.remainingDeferral(key).map { abs($0 - 2.128) < 0.000_1 } == true)
        #expect(gate.notBefore(.calendar("other", scope: "app")) == nil)
        let other = try await gate.enter(.calendar("other", scope: "app"))
        #expect(other.waited == 0)
        other.release()
        let permit = try await gate.enter(key)
        #expect(abs(permit.waited - 2.128) < 0.000_1)
        permit.release()
        #expect(sleeper.sleeps.count == 1)
        #expect(gate.notBefore(key) == nil)
    }

    @Test func aDeferralLongerThanTheCallerWillWaitThrowsHoldingNothing() async throws {
        let clock = ManualClock()
        let sleeper = TestSleeper(clock: clock)
        let gate = InFlightGate(maxInFlight: 4, clock: clock, sleeper: sleeper)
        gate.deferRequests(key, seconds: 60)
        await #expect(throws: InFlightDeferred.self) { _ = try await gate.enter(key, maxWait: 30) }
        #expect(gate.inFlight(key) == 0)
        #expect(sleeper.sleeps.isEmpty)
        // An absurd Retry-After is capped.
        let capped = InFlightGate(maxInFlight: 4, clock: clock, sleeper: sleeper, maxDeferral: 300)
        capped.deferRequests(key, seconds: 1e9)
        #expect(capped.remainingDeferral(key).map { $0 <= 300 } == true)
    }

    @Test func aCancelledSleepGivesTheSlotBack() async throws {
        let clock = ManualClock()
        let gate = InFlightGate(maxInFlight: 1, clock: clock, sleeper: TaskSleeper())
        gate.deferRequests(key, seconds: 3600)
        let key = self.key
        let sleeping = Task { try await gate.enter(key) }
        #expect(await eventually { gate.inFlight(key) == 1 })
        sleeping.cancel()
        await #expect(throws: CancellationError.self) { _ = try await sleeping.value }
        #expect(gate.inFlight(key) == 0)
    }

    @Test func mailboxKeysComeFromTheRequestPath() {
        func key(_ url: String) -> InFlightKey { .forRequest(URL(string: url)!, scope: "s") }
        let base = "https://graph.microsoft.com/v1.0"
        #expect(key(base + "/users/ABC-1/events/AAMk%2Fx") == .calendar("abc-1", scope: "s"))
        #expect(key(base + "/users/jane.doe%40contoso.com/mailboxSettings") == .calendar("jane.doe@contoso.com", scope: "s"))
        #expect(key(base + "/users/a%2Fb/calendarView/delta?$deltatoken=x") == .calendar("a/b", scope: "s"))
        #expect(key(base + "/users('Jane%40contoso.com')/events") == .calendar("jane@contoso.com", scope: "s"))
        #expect(key(base + "/users?$select=id&$top=999") == .account(scope: "s"))
        #expect(key(base + "/users/") == .account(scope: "s"))
        #expect(key(base + "/$batch") == .account(scope: "s"))
        #expect(key(base + "/users/u") != .calendar("u", scope: "other app"))
    }

    @Test func seededRandomnessIsDeterministicAndInRange() {
        let a = SeededRandomSource(seed: 42)
        let b = SeededRandomSource(seed: 42)
        let first = (0..<1000).map { _ in a.nextUnit() }
        #expect(first == (0..<1000).map { _ in b.nextUnit() })
        #expect(first.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(Set(first).count > 990)
        #expect(first.reduce(0, +) / 1000 > 0.4 && first.reduce(0, +) / 1000 < 0.6)
        #expect(SeededRandomSource(seed: 43).nextUnit() != first[0])
    }

    @Test func theRetryPolicyDefaults() {
        let policy = GraphRetryPolicy.standard
        #expect(policy.maxRetries == 4)
        #expect(policy.waitBudget == 30)
        #expect((0..<6).map { policy.backoffCeiling(retry: $0) } == [0.5, 1, 2, 4, 8, 8])
        #expect(GraphRetryPolicy.noRetries.maxRetries == 0)
        #expect(InFlightGate.graph.maxInFlight == 4)
    }
}
