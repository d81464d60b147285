import CalSyncCore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker

@Suite(.serialized) struct PullTests {
    func harness() async throws -> SyncHarness {
        let h = try await SyncHarness(users: Users.all)
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ana.lopez@contoso.example"))
        try await h.add(Instructor(id: "i-ben", name: "Ben", email: "ben@contoso.example"))
        return h
    }

    @Test func anInstructorMadeEventBecomesABlockThatMovesAndGoes() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let id = try h.emulator.addEvent(
            userId: "u-ana", json: Body.event("Dentist", start: Day.wall(2, 9), end: Day.wall(2, 10)))
        _ = try await h.cycle()
        var blocks = try await h.blocks("i-ana")
        #expect(blocks.count == 1)
        #expect(blocks.first?.externalId == id)
        #expect(blocks.first?.start == Day.instant(2, 9))
        #expect(blocks.first?.end == Day.instant(2, 10))
        #expect(blocks.first?.showAs == .busy)

        try h.emulator.updateEvent(
            userId: "u-ana", eventId: id,
            json: [
                "start": ["dateTime": .string(Day.wall(3, 14)), "timeZone": "UTC"],
                "end": ["dateTime": .string(Day.wall(3, 15, 30)), "timeZone": "UTC"],
            ])
        let second = try await h.cycle()
        #expect(second.integrations.first?.fullRounds == 0, "the second cycle follows the deltaLink")
        blocks = try await h.blocks("i-ana")
        #expect(blocks.map(\.start) == [Day.instant(3, 14)])
        #expect(blocks.map(\.end) == [Day.instant(3, 15, 30)])

        try h.emulator.removeEvent(userId: "u-ana", eventId: id)
        _ = try await h.cycle()
        #expect(try await h.blocks("i-ana").isEmpty)
    }

    @Test func freeDeclinedAndCancelledEventsMakeNoBlock() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        _ = try h.emulator.addEvent(
            userId: "u-ana", json: Body.event("Lunch", start: Day.wall(2, 12), end: Day.wall(2, 13), showAs: "free"))
        var declined = Body.event("Declined", start: Day.wall(2, 14), end: Day.wall(2, 15))
        declined = declined.merging(["responseStatus": ["response": "declined"]])
        _ = try h.emulator.addEvent(userId: "u-ana", json: declined)
        let cancelled = Body.event("Cancelled", start: Day.wall(2, 16), end: Day.wall(2, 17)).merging(["isCancelled": true])
        _ = try h.emulator.addEvent(userId: "u-ana", json: cancelled)
        _ = try h.emulator.addEvent(
            userId: "u-ana", json: Body.event("Elsewhere", start: Day.wall(2, 8), end: Day.wall(2, 9), showAs: "workingElsewhere")
        )
        let oof = try h.emulator.addEvent(
            userId: "u-ana", json: Body.event("Away", start: Day.wall(4, 8), end: Day.wall(4, 9), showAs: "oof"))
        _ = try await h.cycle()
        let blocks = try await h.blocks("i-ana")
        #expect(blocks.map(\.externalId) == [oof])
        #expect(blocks.first?.showAs == .oof)
    }

    @Test func allDayEventsCoverTheLocalDateOfTheMailbox() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let d = Day.date(5)
        let next = d.adding(days: 1)
        // Ana's mailbox is in Europe/Paris, Ben's in America/Los_Angeles.
        _ = try h.emulator.addEvent(
            userId: "u-ana",
            json: Body.event(
                "Holiday", start: "\(d)T00:00:00", end: "\(next)T00:00:00", zone: "Romance Standard Time", allDay: true))
        _ = try h.emulator.addEvent(
            userId: "u-ben",
            json: Body.event(
                "Offsite", start: "\(d)T00:00:00", end: "\(next.adding(days: 1))T00:00:00", zone: "Pacific Standard Time",
                allDay: true))
        _ = try await h.cycle()
        let paris = TimeZone(identifier: "Europe/Paris")!
        let la = TimeZone(identifier: "America/Los_Angeles")!
        let ana = try #require(try await h.blocks("i-ana").first)
        #expect(ana.isAllDay)
        #expect(ana.start == d.startOfDay(in: paris))
        #expect(ana.end == next.startOfDay(in: paris))
        let ben = try #require(try await h.blocks("i-ben").first)
        #expect(ben.start == d.startOfDay(in: la))
        #expect(ben.end == next.adding(days: 1).startOfDay(in: la))
    }

    @Test func aRecurringSeriesYieldsItsOccurrences() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        var series = Body.event("Stand-up", start: Day.wall(1, 9), end: Day.wall(1, 9, 15))
        series = series.merging([
            "recurrence": [
                "pattern": ["type": "daily", "interval": 1],
                "range": ["type": "numbered", "startDate": .string(Day.date(1).description), "numberOfOccurrences": 5],
            ]
        ])
        _ = try h.emulator.addEvent(userId: "u-ana", json: series)
        _ = try await h.cycle()
        let blocks = try await h.blocks("i-ana")
        #expect(blocks.map(\.start) == (1...5).map { Day.instant($0, 9) })
        #expect(Set(blocks.map(\.externalId)).count == 5)
    }

    @Test func anExpiredDeltaTokenStartsANewRoundAndEndsCorrect() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        let keep = try h.emulator.addEvent(userId: "u-ana", json: Body.event("Keep", start: Day.wall(2, 9), end: Day.wall(2, 10)))
        let gone = try h.emulator.addEvent(userId: "u-ana", json: Body.event("Gone", start: Day.wall(3, 9), end: Day.wall(3, 10)))
        _ = try await h.cycle()
        #expect(Set(try await h.blocks("i-ana").map(\.externalId)) == [keep, gone])
        h.emulator.expireDeltaTokens()
        try h.emulator.removeEvent(userId: "u-ana", eventId: gone)
        let added = try h.emulator.addEvent(userId: "u-ana", json: Body.event("New", start: Day.wall(4, 9), end: Day.wall(4, 10)))
        let report = try await h.cycle()
        #expect(report.integrations.first?.errors.isEmpty == true, "\(report.integrations.first?.errors ?? [])")
        #expect(report.integrations.first?.fullRounds == 2, "both calendars start a new initial round")
        #expect(Set(try await h.blocks("i-ana").map(\.externalId)) == [keep, added])
    }

    @Test func aRestartedProcessResumesFromStoredDeltaState() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        _ = try h.emulator.addEvent(userId: "u-ana", json: Body.event("One", start: Day.wall(2, 9), end: Day.wall(2, 10)))
        let first = try await h.cycle()
        #expect(first.integrations.first?.fullRounds == 2)
        try await h.restart()
        let added = try h.emulator.addEvent(
            userId: "u-ana", json: Body.event("Two", start: Day.wall(2, 11), end: Day.wall(2, 12)))
        let second = try await h.cycle()
        #expect(second.integrations.first?.fullRounds == 0, "no calendar is read in full again")
        #expect(second.integrations.first?.blocksUpserted == 1, "only the change is read")
        #expect(try await h.blocks("i-ana").contains { $0.externalId == added })
    }
}
