/// What pulling one person gave, merged into the cycle's report by `SyncEngine`.
struct PersonPull: Sendable {
    var outcome: CalendarPuller.Outcome?
    var driftPutBack = 0
    var driftRecreated = 0
    var errors: [String] = []

    func add(to report: inout CycleReport.IntegrationReport) {
        report.errors += errors
        guard let outcome else { return }
        report.pulledInstructors += 1
        report.blocksUpserted += outcome.upserted
        report.blocksRemoved += outcome.removed
        if outcome.fullRound { report.fullRounds += 1 }
        report.driftPutBack += driftPutBack
        report.driftRecreated += driftRecreated
    }
}
