import Foundation
import Testing

@testable import CalSyncWorker
@testable import calsync

@Suite struct CycleSummaryTests {
    func report(_ configure: (inout CycleReport.IntegrationReport) -> Void) -> String {
        var integration = CycleReport.IntegrationReport(integrationId: "contoso", integrationName: "Contoso")
        configure(&integration)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        return CycleSummary.text(CycleReport(startedAt: start, finishedAt: start + 0.25, integrations: [integration]))
    }

    @Test func nobodyMatchedHasNoDanglingColonAndOnesAreSingular() {
        let text = report {
            $0.unmatched = [("i-zoe", "no directory user has zoe@fabrikam.example")]
            $0.pulledInstructors = 1
            $0.fullRounds = 1
            $0.blocksUpserted = 1
        }
        #expect(
            text == """
                cycle 2027-01-15T08:00:00Z took 0.25 s
                  [Contoso] matched 0
                  [Contoso] unmatched i-zoe: no directory user has zoe@fabrikam.example
                  [Contoso] pulled 1 calendar (1 full round): 1 busy block written, 0 removed
                  [Contoso] pushed: 0 created, 0 updated, 0 deleted
                """)
    }

    @Test func manyArePlural() {
        let text = report {
            $0.matched = ["i-jane", "i-ana"]
            $0.pulledInstructors = 2
            $0.blocksUpserted = 8
            $0.blocksRemoved = 1
            $0.created = 7
            $0.driftPutBack = 1
            $0.errors = ["pulling i-ana: 503 serviceUnavailable"]
        }
        #expect(
            text == """
                cycle 2027-01-15T08:00:00Z took 0.25 s
                  [Contoso] matched 2: i-ana, i-jane
                  [Contoso] pulled 2 calendars (0 full rounds): 8 busy blocks written, 1 removed
                  [Contoso] pushed: 7 created, 0 updated, 0 deleted
                  [Contoso] drift repaired: 1 put back, 0 recreated
                  [Contoso] error: pulling i-ana: 503 serviceUnavailable
                """)
    }

    @Test func countsNameTheirNoun() {
        #expect(CycleSummary.count(0, "cycle") == "0 cycles")
        #expect(CycleSummary.count(1, "cycle") == "1 cycle")
        #expect(CycleSummary.count(8, "cycle") == "8 cycles")
    }
}
