import CalSyncCore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

@Suite(.serialized) struct DriftRepairTests {
    func harness(repairDeleted: Bool = true) async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        h.integration.settings.repairDeletedEvents = repairDeleted
        try await h.store.saveIntegration(h.integration)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift Basics", start: Day.instant(3, 8), end: Day.instant(3, 16),
                timeZone: "Europe/Paris", instructorIds: ["i-ana"]))
        _ = try await h.cycle()
        return h
    }

    func ours(_ h: SyncHarness) -> [EmulatorEventSnapshot] { h.emulator.storedEvents(userId: "u-ana").filter { $0.tag != nil } }

    @Test func anEventMovedInOutlookIsPutBackAndLogged() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let pushed = try #require(ours(h).first)
        try h.emulator.updateEvent(
            userId: "u-ana", eventId: pushed.id,
            json: [
                "start": ["dateTime": .string(Day.wall(4, 10)), "timeZone": "UTC"],
                "end": ["dateTime": .string(Day.wall(4, 11)), "timeZone": "UTC"],
            ])
        let report = try await h.cycle()
        #expect(report.integrations.first?.driftPutBack == 1)
        let after = try #require(ours(h).first)
        #expect(after.id == pushed.id, "the same event is put back, not recreated")
        #expect(after.start == Day.instant(3, 8))
        #expect(after.end == Day.instant(3, 16))
        let last = try #require(try await h.store.operations(instructorId: "i-ana").last)
        #expect(last.action == .update && last.status == .success)
        #expect(last.note?.contains("put back") == true)
        // Our own update is not mistaken for another edit.
        #expect(try await h.cycle().integrations.first?.driftPutBack == 0)
    }

    @Test func anEventRenamedOrGivenAPlaceInOutlookIsPutBack() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let pushed = try #require(ours(h).first)
        let title = try #require(pushed.subject)
        try h.emulator.updateEvent(userId: "u-ana", eventId: pushed.id, json: ["subject": "Dentist (moved training)"])
        #expect(try await h.cycle().integrations.first?.driftPutBack == 1)
        #expect(ours(h).first?.subject == title)

        try h.emulator.updateEvent(userId: "u-ana", eventId: pushed.id, json: ["location": ["displayName": "Home office"]])
        #expect(try await h.cycle().integrations.first?.driftPutBack == 1)
        let after = try #require(ours(h).first)
        #expect(after.id == pushed.id)
        #expect(after.json["location"]?["displayName"]?.stringValue ?? "" == "", "the place someone added is cleared")
        // The put-back event reads as ours again: no further repair.
        #expect(try await h.cycle().integrations.first?.driftPutBack == 0)
    }

    @Test func anEventDeletedInOutlookIsRecreatedOnce() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let pushed = try #require(ours(h).first)
        try h.emulator.removeEvent(userId: "u-ana", eventId: pushed.id)
        let report = try await h.cycle()
        #expect(report.integrations.first?.driftRecreated == 1)
        let events = ours(h)
        #expect(events.count == 1)
        #expect(events.first?.id != pushed.id)
        #expect(events.first?.transactionId != pushed.transactionId, "a fresh transactionId for the new event")
        let last = try #require(try await h.store.operations(instructorId: "i-ana").last)
        #expect(last.note?.contains("recreated") == true)
        _ = try await h.cycle()
        #expect(ours(h).count == 1)
    }

    @Test func withRepairOffADeletedEventStaysDeletedAndIsNoted() async throws {
        let h = try await harness(repairDeleted: false)
        defer { Task { await h.stop() } }
        let pushed = try #require(ours(h).first)
        try h.emulator.removeEvent(userId: "u-ana", eventId: pushed.id)
        _ = try await h.cycle()
        _ = try await h.cycle()
        #expect(ours(h).isEmpty)
        let last = try #require(try await h.store.operations(instructorId: "i-ana").last)
        #expect(last.status == .processed)
        #expect(last.note?.contains("not recreated") == true)
    }
}

@Suite(.serialized) struct MassDeletionTests {
    @Test func aMailboxLosingMostOfItsBlocksIsHeldNotEmptied() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        var ids: [String] = []
        for day in 1...12 {
            ids.append(
                try h.emulator.addEvent(
                    userId: "u-ana", json: Body.event("M\(day)", start: Day.wall(day, 9), end: Day.wall(day, 10))))
        }
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").count == 12)
        for id in ids.prefix(11) { try h.emulator.removeEvent(userId: "u-ana", eventId: id) }
        let report = try await h.cycle()
        #expect(report.integrations.first?.errors.contains { $0.contains("held") } == true)
        #expect(try await h.blocks("i-ana").count == 12, "nothing was deleted")
        let state = try #require(try await h.store.syncState(integrationId: "contoso", instructorId: "i-ana"))
        #expect(state.lastErrorCode == "mass_deletion_held")
        let person = try #require(try await h.store.instructor(id: "i-ana"))
        let status = PersonSyncStatus.resolve(
            instructor: person, integration: h.integration,
            match: try await h.store.match(instructorId: "i-ana", integrationId: "contoso"),
            state: state, now: Date())
        #expect(status == .error, "availability fails closed while held")
        // It stays held, cycle after cycle, until an admin accepts the deletions; the next pull then applies them.
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").count == 12)
        let accepted = try await h.store.acceptHeldDeletions(integrationId: nil, instructorId: "i-ana")
        #expect(accepted.map { "\($0.0)/\($0.1)" } == ["contoso/i-ana"])
        let applied = try await h.cycle()
        #expect(applied.integrations.first?.errors.isEmpty == true)
        #expect(try await h.blocks("i-ana").count == 1)
        let after = try #require(try await h.store.syncState(integrationId: "contoso", instructorId: "i-ana"))
        #expect(after.lastErrorCode == nil && !after.deletionsAccepted)
        #expect(try await h.store.acceptHeldDeletions(integrationId: nil, instructorId: "i-ana").isEmpty, "nothing held now")
        // A few deletions go through as usual.
        let small = try await SyncHarness(users: Users.all)
        defer { Task { await small.stop() } }
        try await small.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        var few: [String] = []
        for day in 1...12 {
            few.append(
                try small.emulator.addEvent(
                    userId: "u-ana", json: Body.event("M\(day)", start: Day.wall(day, 9), end: Day.wall(day, 10))))
        }
        _ = try await small.cycle()
        for id in few.prefix(2) { try small.emulator.removeEvent(userId: "u-ana", eventId: id) }
        _ = try await small.cycle()
        #expect(try await small.blocks("i-ana").count == 10)
    }

    /// The share is a setting per integration (`massDeletionPercent`); 100 turns the share rule off.
    @Test func theAllowedShareIsASetting() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        h.integration.settings.massDeletionPercent = 100
        try await h.store.saveIntegration(h.integration)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        var ids: [String] = []
        for day in 1...12 {
            ids.append(
                try h.emulator.addEvent(
                    userId: "u-ana", json: Body.event("M\(day)", start: Day.wall(day, 9), end: Day.wall(day, 10))))
        }
        _ = try await h.cycle()
        for id in ids.prefix(11) { try h.emulator.removeEvent(userId: "u-ana", eventId: id) }
        let report = try await h.cycle()
        #expect(report.integrations.first?.errors.isEmpty == true)
        #expect(try await h.blocks("i-ana").count == 1)
    }

    @Test func anEmptiedMailboxInAFullRoundIsHeld() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        var ids: [String] = []
        for day in 1...4 {
            ids.append(
                try h.emulator.addEvent(
                    userId: "u-ana", json: Body.event("M\(day)", start: Day.wall(day, 9), end: Day.wall(day, 10))))
        }
        _ = try await h.cycle()
        for id in ids { try h.emulator.removeEvent(userId: "u-ana", eventId: id) }
        h.emulator.expireDeltaTokens()
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").count == 4)
    }

    @Test func guardRules() {
        let guardrail = MassDeletionGuard()
        #expect(guardrail.hold(known: 100, removing: 51, keeping: 49) != nil)
        #expect(guardrail.hold(known: 100, removing: 50, keeping: 50) == nil)
        #expect(guardrail.hold(known: 12, removing: 9, keeping: 3) == nil, "fewer than the minimum")
        #expect(guardrail.hold(known: 3, removing: 3, keeping: 0) != nil)
        #expect(guardrail.hold(known: 2, removing: 2, keeping: 0) == nil)
        #expect(MassDeletionGuard(maximumShare: 1).hold(known: 100, removing: 99, keeping: 1) == nil)
    }
}

@Suite struct RetryPolicyTests {
    @Test func throttledWritesWaitForRetryAfterAndAreNeverDropped() {
        let throttled = CalendarError(.throttled, httpStatus: 429, message: "slow down", retryAfter: 2.128)
        #expect(RetryPolicy.requeueDelay(for: throttled, attempts: 50, random: { $0.upperBound }) == 2.128)
        let noHeader = CalendarError(.throttled, httpStatus: 503, message: "busy")
        #expect(RetryPolicy.requeueDelay(for: noHeader, attempts: 3, random: { $0.upperBound }) == 4)
    }

    @Test func transientFailuresBackOffWithJitterThenStop() {
        let transient = CalendarError(.transient, httpStatus: 500, message: "oops")
        let low = RetryPolicy.requeueDelay(for: transient, attempts: 4, random: { $0.lowerBound })
        let high = RetryPolicy.requeueDelay(for: transient, attempts: 4, random: { $0.upperBound })
        #expect(low == 4 && high == 8)
        #expect(RetryPolicy.requeueDelay(for: transient, attempts: 20, random: { $0.upperBound }) == nil)
        #expect(RetryPolicy.requeueDelay(for: CalendarError(.invalidRequest, message: "bad"), attempts: 1) == nil)
        #expect(RetryPolicy.backoff(attempts: 30, random: { $0.upperBound }) == RetryPolicy.maxDelay)
    }
}
