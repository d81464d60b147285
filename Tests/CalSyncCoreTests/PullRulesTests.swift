import Foundation
import Testing

@testable import CalSyncCore

@Suite struct PullRulesTests {
    let zones = WindowsZones.bundled

    func context(zone: String = "Europe/Paris", tentative: Bool = true, own: Set<String> = []) -> PullRules.Context {
        PullRules.Context(integrationId: "int", instructorId: "i-1", mailboxZone: TimeZone(identifier: zone)!,
                          tentativeCountsAsBusy: tentative, ownEventIds: own)
    }

    func event(_ id: String = "e1", start: String = "2026-03-02T08:00:00.0000000", end: String = "2026-03-02T09:30:00.0000000",
               zone: String = "UTC", allDay: Bool = false, showAs: ShowAs = .busy, cancelled: Bool = false,
               response: String? = nil, categories: [String] = [], tag: String? = nil) -> ExternalEvent {
        ExternalEvent(id: id, start: GraphDateTime(dateTime: start, timeZone: zone), end: GraphDateTime(dateTime: end, timeZone: zone),
                      isAllDay: allDay, showAs: showAs, isCancelled: cancelled, response: response, categories: categories,
                      tagValue: tag)
    }

    @Test(arguments: [(ShowAs.busy, true), (.oof, true), (.unknown, true), (.tentative, true), (.free, false),
                      (.workingElsewhere, false)])
    func busySemantics(showAs: ShowAs, counts: Bool) {
        let decision = PullRules.decide(event(showAs: showAs), context: context(), zones: zones)
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
        #expect(PullRules.decide(event(showAs: .tentative), context: context(tentative: false), zones: zones) == .skip(.tentative))
    }

    @Test func cancelledAndDeclinedMakeNoBlock() {
        #expect(PullRules.decide(event(cancelled: true), context: context(), zones: zones) == .skip(.cancelled))
        #expect(PullRules.decide(event(response: "declined"), context: context(), zones: zones) == .skip(.declined))
        if case .skip = PullRules.decide(event(response: "accepted"), context: context(), zones: zones) {
            Issue.record("an accepted event is busy")
        }
    }

    @Test func ownEventsAreNeverPulledBack() {
        #expect(PullRules.decide(event("ours"), context: context(own: ["ours"]), zones: zones) == .skip(.ownEvent))
        #expect(PullRules.decide(event(tag: "calsync|int|event|t1|i-1"), context: context(), zones: zones) == .skip(.ownEvent))
        #expect(PullRules.decide(event(categories: ["CalSync"]), context: context(), zones: zones) == .skip(.ownEvent))
    }

    @Test func allDayEventCoversTheLocalDateInParis() {
        let e = event(start: "2026-07-14T00:00:00.0000000", end: "2026-07-15T00:00:00.0000000", allDay: true)
        guard case .block(let block) = PullRules.decide(e, context: context(zone: "Europe/Paris"), zones: zones) else {
            Issue.record("expected a block"); return
        }
        #expect(block.isAllDay)
        #expect(Timestamp.format(block.start) == "2026-07-13T22:00:00Z")
        #expect(Timestamp.format(block.end) == "2026-07-14T22:00:00Z")
    }

    @Test func multiDayAllDayEventInLosAngeles() {
        let e = event(start: "2026-12-24T00:00:00.0000000", end: "2026-12-27T00:00:00.0000000", allDay: true)
        guard case .block(let block) = PullRules.decide(e, context: context(zone: "America/Los_Angeles"), zones: zones) else {
            Issue.record("expected a block"); return
        }
        #expect(Timestamp.format(block.start) == "2026-12-24T08:00:00Z")
        #expect(Timestamp.format(block.end) == "2026-12-27T08:00:00Z")
    }

    @Test func timedEventInAWindowsZoneIsConverted() {
        let e = event(start: "2026-03-30T09:00:00.0000000", end: "2026-03-30T10:00:00.0000000", zone: "Romance Standard Time")
        guard case .block(let block) = PullRules.decide(e, context: context(), zones: zones) else {
            Issue.record("expected a block"); return
        }
        #expect(Timestamp.format(block.start) == "2026-03-30T07:00:00Z")
    }

    @Test func unreadableTimesAreSkippedNotGuessed() {
        #expect(PullRules.decide(event(zone: "Mars Standard Time"), context: context(), zones: zones) == .skip(.unreadableTime))
        #expect(PullRules.decide(event(start: "garbage"), context: context(), zones: zones) == .skip(.unreadableTime))
    }
}
