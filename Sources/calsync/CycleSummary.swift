import CalSyncCore
import CalSyncWorker
import Foundation

/// The few human lines `calsync demo` and `calsync sync --once` print for a cycle: counts with their nouns in the
/// right number ("1 busy block"), a list only after a colon when it has something.
enum CycleSummary {
    static func text(_ report: CycleReport) -> String {
        let seconds = String(format: "%.2f", report.finishedAt.timeIntervalSince(report.startedAt))
        var lines = ["cycle \(Timestamp.format(report.startedAt)) took \(seconds) s"]
        for r in report.integrations {
            let name = "  [\(r.integrationName)]"
            let matched = r.matched.isEmpty ? "" : ": " + r.matched.sorted().joined(separator: ", ")
            lines.append("\(name) matched \(r.matched.count)\(matched)")
            for u in r.unmatched { lines.append("\(name) unmatched \(u.instructorId): \(u.reason)") }
            for a in r.ambiguous { lines.append("\(name) ambiguous \(a.instructorId): \(a.reason)") }
            lines.append(
                "\(name) pulled \(count(r.pulledInstructors, "calendar")) (\(count(r.fullRounds, "full round"))): "
                    + "\(count(r.blocksUpserted, "busy block")) written, \(r.blocksRemoved) removed")
            lines.append("\(name) pushed: \(r.created) created, \(r.updated) updated, \(r.deleted) deleted")
            if r.driftPutBack + r.driftRecreated > 0 {
                lines.append("\(name) drift repaired: \(r.driftPutBack) put back, \(r.driftRecreated) recreated")
            }
            for e in r.errors { lines.append("\(name) error: \(e)") }
        }
        return lines.joined(separator: "\n")
    }

    /// "1 calendar", "0 calendars", "2 calendars".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
