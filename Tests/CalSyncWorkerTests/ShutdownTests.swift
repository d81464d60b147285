import CalSyncCore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

/// SIGTERM (`SyncController.stop()` → `requestStop()`): the cycle in flight runs to its end; a second signal
/// (`requestStop(hurry: true)`) stops it after the people it is on. Either way no new cycle starts.
@Suite(.serialized) struct ShutdownTests {
    func slowHarness() async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        for (id, email) in [
            ("i-ana", "ana.lopez@contoso.example"), ("i-ben", "ben@contoso.example"),
            ("i-cleo", "cleo@contoso.example"),
        ] {
            try await h.add(Instructor(id: id, name: id, email: email))
        }
        _ = try await h.cycle()  // matched, first rounds done
        var slow = EmulatorFaults()
        slow.addedLatencyMs = 300
        h.emulator.setFaults(slow)
        return h
    }

    @Test func aStopLetsTheCycleInFlightRunToItsEnd() async throws {
        let h = try await slowHarness()
        defer { Task { await h.stop() } }
        let engine = h.engine
        let cycle = Task { await engine.runCycle() }
        try await Task.sleep(for: .milliseconds(400))  // the first person's pull is in flight
        await engine.requestStop()
        let report = try #require(await cycle.value)
        #expect(report.integrations.first?.pulledInstructors == 3, "everyone due was pulled")
        #expect(await engine.runCycle() == nil, "no new cycle starts")
    }

    @Test func aHurriedStopEndsTheCycleAfterThePeopleItIsOn() async throws {
        let h = try await slowHarness()
        defer { Task { await h.stop() } }
        let engine = h.engine
        let cycle = Task { await engine.runCycle() }
        try await Task.sleep(for: .milliseconds(400))
        await engine.requestStop(hurry: true)
        let report = try #require(await cycle.value)
        let pulled = report.integrations.first?.pulledInstructors ?? 0
        #expect(pulled < 3, "the people in flight finished, the others waited")
    }
}
