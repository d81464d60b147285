import Foundation
import Testing

@testable import CalSyncCore

@Suite struct PullRulesTests {
    func context(zone: String = "Europe/Paris", tentative: Bool = true, own: Set<String> = []) -> PullRules.Context {
        PullRules.Context(
            integrationId: "int", instructorId: "i-1", calendarZone: TimeZone(identifier: zone)!,
            tentativeCountsAsBusy: tentative, ownEventIds: own)
    }

    func event(
        _ id: String = "e1", start: String = "2026-03-02T08:00:00Z", end: String = "2026-03-02T09:30:00Z",
        showAs: ShowAs = .busy, cancelled: Bool = false, declined: Bool = false, seriesMaster: Bool = false,
        categories: [String] = [], tag: String? = nil
    ) -> ExternalEvent {
        ExternalEvent(
            id: id, time: .timed(TimeRange(start: Timestamp.parse(start)!, end: Timestamp.parse(end)!), zone: "UTC"),
            showAs: showAs, isCancelled: cancelled, declinedByOwner: declined, isSeriesMaster: seriesMaster,
            categories: categories, tagValue: tag)
    }

    func allDay(_ first: String, _ end: String) -> ExternalEvent {
        ExternalEvent(id: "e1", time: .allDay(first: LocalDate(first)!, end: LocalDate(end)!))
    }

    @Test(arguments: [
        (ShowAs.busy, true), (.oof, true), (.unknown, true), (.tentative, true), (.free, false),
        (.workingElsewhere, false),
    ])
    func busySemantics(showAs: ShowAs, counts: Bool) {
        let decision = PullRules.decide(event(showAs: showAs), context: context())
        if case .block(let block) = decision {
            #expect(counts)
            #expect(block.showAs == showAs)
            #expect(Timestamp.format(block.start) == "2026-03-02T08:00:00Z")
            #expect(Timestamp.format(block.end) == "2026-03-02T09:30:00Z")
        } else {
            #expect(!counts)
        }
    }

    @Test func tentativeFollowsTheSetting() {
        #expect(PullRules.decide(event(showAs: .tentative), context: context(tentative: false)) == .skip(.tentative))
    }

    @Test func cancelledAndDeclinedMakeNoBlock() {
        #expect(PullRules.decide(event(cancelled: true), context: context()) == .skip(.cancelled))
        #expect(PullRules.decide(event(declined: true), context: context()) == .skip(.declined))
        if case .skip = PullRules.decide(event(), context: context()) {
            Issue.record("an accepted event is busy")
        }
    }

    @Test func aSeriesItselfIsNoBlockItsOccurrencesAre() {
        #expect(PullRules.decide(event(seriesMaster: true), context: context()) == .skip(.seriesMaster))
    }

    @Test func ownEventsAreNeverPulledBack() {
        #expect(PullRules.decide(event("ours"), context: context(own: ["ours"])) == .skip(.ownEvent))
        #expect(PullRules.decide(event(tag: "calsync|int|event|t1|i-1"), context: context()) == .skip(.ownEvent))
        #expect(PullRules.decide(event(categories: ["CalSync"]), context: context()) == .skip(.ownEvent))
    }

    @Test func allDayEventCoversTheLocalDateInParis() {
        let e = allDay("2026-07-14", "2026-07-15")
        guard case .block(let block) = PullRules.decide(e, context: context(zone: "Europe/Paris")) else {
            Issue.record("expected a block")
            return
        }
        #expect(block.isAllDay)
        #expect(Timestamp.format(block.start) == "2026-07-13T22:00:00Z")
        #expect(Timestamp.format(block.end) == "2026-07-14T22:00:00Z")
    }

    @Test func multiDayAllDayEventInLosAngeles() {
        let e = allDay("2026-12-24", "2026-12-27")
        guard case .block(let block) = PullRules.decide(e, context: context(zone: "America/Los_Angeles")) else {
            Issue.record("expected a block")
            return
        }
        #expect(Timestamp.format(block.start) == "2026-12-24T08:00:00Z")
        #expect(Timestamp.format(block.end) == "2026-12-27T08:00:00Z")
    }

    @Test func anAllDayEventEndingOnItsFirstDayStillTakesThatDay() {
        guard case .block(let block) = PullRules.decide(allDay("2026-07-14", "2026-07-14"), context: context()) else {
            Issue.record("expected a block")
            return
        }
        #expect(Timestamp.format(block.start) == "2026-07-13T22:00:00Z")
        #expect(Timestamp.format(block.end) == "2026-07-14T22:00:00Z")
    }

    @Test func unreadableTimesAreSkippedNotGuessed() {
        #expect(PullRules.decide(ExternalEvent(id: "e1", time: nil), context: context()) == .skip(.unreadableTime))
        let empty = event(start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:00:00Z")
        #expect(PullRules.decide(empty, context: context()) == .skip(.unreadableTime))
    }
}
