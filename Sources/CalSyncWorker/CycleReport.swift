import CalSyncCore
import Foundation

/// What one sync cycle did, per integration, for logs, the CLI and the status API.
public struct CycleReport: Sendable {
    public struct IntegrationReport: Sendable {
        public var integrationId: String
        public var integrationName: String
        public var matched: [String] = []
        public var unmatched: [(instructorId: String, reason: String)] = []
        public var ambiguous: [(instructorId: String, reason: String)] = []
        public var pulledInstructors = 0
        public var blocksUpserted = 0
        public var blocksRemoved = 0
        public var fullRounds = 0
        public var created = 0
        public var updated = 0
        public var deleted = 0
        /// Pushed events changed in the calendar and put back / deleted there and recreated.
        public var driftPutBack = 0
        public var driftRecreated = 0
        public var errors: [String] = []

        public init(integrationId: String, integrationName: String) {
            self.integrationId = integrationId
            self.integrationName = integrationName
        }

        public var pushed: Int { created + updated + deleted }
    }

    public var startedAt: Date
    public var finishedAt: Date
    public var integrations: [IntegrationReport]

    public var pulled: Int { integrations.reduce(0) { $0 + $1.blocksUpserted + $1.blocksRemoved } }
    public var pushed: Int { integrations.reduce(0) { $0 + $1.pushed } }
    public var errorCount: Int { integrations.reduce(0) { $0 + $1.errors.count } }
    public var instructorCount: Int { integrations.reduce(0) { $0 + $1.pulledInstructors } }

    /// A few human lines, for `calsync demo` and `sync --once`.
    public var summary: String {
        var lines: [String] = []
        let seconds = String(format: "%.2f", finishedAt.timeIntervalSince(startedAt))
        lines.append("cycle \(Timestamp.format(startedAt)) took \(seconds) s")
        for r in integrations {
            lines.append("  [\(r.integrationName)] matched \(r.matched.count): \(r.matched.sorted().joined(separator: ", "))")
            for u in r.unmatched { lines.append("  [\(r.integrationName)] unmatched \(u.instructorId): \(u.reason)") }
            for a in r.ambiguous { lines.append("  [\(r.integrationName)] ambiguous \(a.instructorId): \(a.reason)") }
            lines.append(
                "  [\(r.integrationName)] pulled \(r.pulledInstructors) calendars (\(r.fullRounds) full rounds): "
                    + "\(r.blocksUpserted) busy blocks written, \(r.blocksRemoved) removed")
            lines.append("  [\(r.integrationName)] pushed: \(r.created) created, \(r.updated) updated, \(r.deleted) deleted")
            if r.driftPutBack + r.driftRecreated > 0 {
                lines.append("  [\(r.integrationName)] drift repaired: \(r.driftPutBack) put back, \(r.driftRecreated) recreated")
            }
            for e in r.errors { lines.append("  [\(r.integrationName)] error: \(e)") }
        }
        return lines.joined(separator: "\n")
    }
}
