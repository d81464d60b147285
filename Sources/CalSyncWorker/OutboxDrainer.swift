import CalSyncCore
import CalSyncStore
import Foundation

/// Carries out pending outbox operations. Each operation names a push key; at execution time the
/// key is planned again against the current state (desired versus mapped), so an operation overtaken
/// by later changes does the right thing — or nothing. Operations of one person (one calendar) run in
/// order; different calendars run side by side, a bounded number at a time.
struct OutboxDrainer: Sendable {
    let store: CalSyncStore
    let providers: any CalendarProviderFactory
    let clock: any WallClock
    let logger: Logger
    var calendarConcurrency = 4

    struct Outcome: Sendable {
        var created = 0
        var updated = 0
        var deleted = 0
        var unchanged = 0
        var requeued = 0
        var errors: [String] = []
        /// When the next operation that waits (Retry-After, backoff) becomes due.
        var nextDueAt: Date?

        mutating func add(_ other: Outcome) {
            created += other.created
            updated += other.updated
            deleted += other.deleted
            unchanged += other.unchanged
            requeued += other.requeued
            errors += other.errors
        }
    }

    /// Runs every pending operation once (operations written meanwhile are picked up too).
    func drain() async -> Outcome {
        var total = Outcome()
        var attempted = Set<Int64>()
        while true {
            let pending: [OperationRecord]
            do {
                let (due, next) = try await store.dueOperations(now: clock.now())
                pending = due.filter { !attempted.contains($0.id) }
                // One tried in this drain and due again already (a Retry-After shorter than the drain) waits for the
                // next drain: ask for it at once, or it would wait, retrying, for the next cycle.
                total.nextDueAt = pending.count < due.count ? clock.now() : next
            } catch {
                total.errors.append("reading the outbox: \(error)")
                return total
            }
            guard !pending.isEmpty else {
                // Integrations whose purge asked for their events to go are removed once none is left.
                do {
                    for id in try await store.completePurges() {
                        logger.info("integration purged and removed", ["integration": id])
                    }
                } catch {
                    total.errors.append("completing purges: \(error)")
                }
                return total
            }
            attempted.formUnion(pending.map(\.id))
            total.add(await run(pending))
        }
    }

    /// Groups by calendar (integration × person) keeping order; calendars in parallel, bounded.
    func run(_ operations: [OperationRecord]) async -> Outcome {
        var groups: [String: [OperationRecord]] = [:]
        var order: [String] = []
        for operation in operations {
            let calendar = operation.key.integrationId + "\u{1F}" + operation.key.instructorId
            if groups[calendar] == nil { order.append(calendar) }
            groups[calendar, default: []].append(operation)
        }
        var total = Outcome()
        await withTaskGroup(of: Outcome.self) { group in
            var iterator = order.makeIterator()
            func next() -> Bool {
                guard let calendar = iterator.next(), let list = groups[calendar] else { return false }
                group.addTask {
                    var outcome = Outcome()
                    for operation in list { await self.execute(operation, into: &outcome) }
                    return outcome
                }
                return true
            }
            for _ in 0..<max(1, calendarConcurrency) where next() {}
            for await outcome in group {
                total.add(outcome)
                _ = next()
            }
        }
        return total
    }
}
