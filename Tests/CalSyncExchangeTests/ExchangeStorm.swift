import CalSyncCore
import CalSyncExchange
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import EWSEmulator
import Foundation

/// The Exchange fault storm's cycles and its check of the mailboxes (`MailboxOracle`).
struct ExchangeStorm {
    let store: CalSyncStore
    let engine: SyncEngine
    let emulator: EWSEmulator
    let integrationId: String

    struct Convergence {
        var cycles = 0
        var problems: [String] = []
        var errors: [String] = []
    }

    func tag(_ itemId: String, instructor n: Int) -> String {
        EventTag.value(
            for: PushKey(integrationId: integrationId, itemKind: .event, itemId: itemId, instructorId: "i-\(n)"))
    }

    /// Cycles (each settling the outbox) until the mailboxes match, at most 5 (the test asserts ≤ 3).
    func converge(own: [String: Set<String>]) async throws -> Convergence {
        var result = Convergence()
        repeat {
            result.cycles += 1
            let report = await engine.runCycle()
            result.errors += report?.integrations.flatMap(\.errors) ?? ["a cycle was skipped"]
            try await settle()
            result.problems = try await differences(own: own)
        } while !result.problems.isEmpty && result.cycles < 5
        return result
    }

    /// Carries out requeued operations as they become due (the pusher's timer between cycles), for at most the
    /// settle budget.
    func settle() async throws {
        let deadline = Date().addingTimeInterval(ExchangeFaultStormTests.settleBudget)
        while true {
            let (due, next) = try await store.dueOperations(now: Date())
            if due.isEmpty {
                guard let next, next <= deadline else { return }
                try await Task.sleep(for: .seconds(max(0, next.timeIntervalSinceNow) + 0.01))
                continue
            }
            await engine.drainOutbox()
        }
    }

    func differences(own: [String: Set<String>]) async throws -> [String] {
        var desired: [String: MailboxOracle.Desired] = [:]
        for event in try await store.trainingEvents() where event.status == .scheduled {
            for instructorId in event.instructorIds {
                let n = Int(instructorId.dropFirst(2))!
                desired[tag(event.id, instructor: n)] = MailboxOracle.Desired(
                    calendar: ExchangeFaultStormTests.address(n), range: event.range)
            }
        }
        var problems: [String] = []
        for n in 0..<ExchangeFaultStormTests.people {
            let mailbox = ExchangeFaultStormTests.address(n)
            let items = emulator.items(mailbox: mailbox).compactMap { item -> MailboxOracle.Item? in
                guard let id = item["id"]?.stringValue, let start = item["start"]?.stringValue.flatMap({ Timestamp.parse($0) }),
                    let end = item["end"]?.stringValue.flatMap({ Timestamp.parse($0) })
                else { return nil }
                return MailboxOracle.Item(id: id, tag: PushTests.tagValue(item), range: TimeRange(start: start, end: end))
            }
            let blocks = Set(try await store.busyBlocks(instructorId: "i-\(n)", overlapping: nil).map(\.externalId))
            problems += MailboxOracle.differences(
                calendar: mailbox, items: items, desired: desired, own: own[mailbox] ?? [], blocks: blocks)
        }
        return problems
    }
}
