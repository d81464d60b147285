import CalSyncCore
import Foundation
import Synchronization
import Testing

@testable import CalSyncWorker

@Suite(.serialized) struct SyncLoopTests {
    @Test func aTickIsSkippedWhileACycleRunsAndStopWaitsForIt() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        let reports = Mutex(0)
        // A long interval: only explicit ticks run cycles.
        let loop = SyncLoop(engine: h.engine, interval: 3_600) { _ in reports.withLock { $0 += 1 } }
        #expect(loop.tick())
        #expect(!loop.tick(), "a second tick while the first cycle runs is skipped")
        #expect(loop.skippedTicks == 1)
        await loop.stop()
        #expect(reports.withLock { $0 } == 1, "stop() returned only after the cycle in flight finished")
        #expect(!loop.tick(), "a stopped loop starts nothing")
        #expect(try await h.store.lastSyncRun()?.finishedAt != nil)
    }

    @Test func theTimerRunsACycleAtOnceAndThenEveryInterval() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        let reports = Mutex(0)
        let loop = SyncLoop(engine: h.engine, interval: 0.2) { _ in reports.withLock { $0 += 1 } }
        loop.start()
        for _ in 0..<50 where reports.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(100)) }
        await loop.stop()
        #expect(reports.withLock { $0 } >= 3)
    }
}
