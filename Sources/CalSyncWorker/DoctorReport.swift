import CalSyncCore
import Foundation

/// What `calsync doctor` found, integration by integration (built by `Doctor`, printed by the CLI).
public struct DoctorReport: Sendable {
    public enum Severity: String, Sendable, Hashable {
        case ok, info, problem

        var marker: String {
            switch self {
            case .ok: "[ok]     "
            case .info: "[info]   "
            case .problem: "[PROBLEM]"
            }
        }
    }

    /// The checks, in the order they run.
    public enum Check: String, Sendable, Hashable {
        case configuration
        case token
        case consent
        case directory
        case matching
        case mailboxes
        case recentSync = "recent sync"
        case alreadyDeleted = "already deleted"
    }

    public struct Finding: Sendable, Hashable {
        public var check: Check
        public var severity: Severity
        public var summary: String
        public var details: [String]

        public init(_ check: Check, _ severity: Severity, _ summary: String, details: [String] = []) {
            self.check = check
            self.severity = severity
            self.summary = summary
            self.details = details
        }
    }

    /// A person a finding is about, and why.
    public struct Person: Sendable, Hashable {
        public var instructorId: String
        public var name: String
        public var email: String
        public var reason: String

        public init(instructorId: String, name: String, email: String, reason: String) {
            self.instructorId = instructorId
            self.name = name
            self.email = email
            self.reason = reason
        }

        var line: String { "\(instructorId) (\(name), \(email)): \(reason)" }
    }

    public struct IntegrationReport: Sendable {
        public var integrationId: String
        public var name: String
        /// The connection in one line, in its calendar system's words (never the secret).
        public var connection: String
        public var findings: [Finding] = []
        /// Instructors no directory user matches, or several do.
        public var unmatched: [Person] = []
        public var ambiguous: [Person] = []
        /// Matched people whose calendar could not be read just now.
        public var unreachableMailboxes: [Person] = []
        /// The diagnosis of the recent operations (the one `GET /v1/sync/status` shows), when there were any.
        public var verdict: SyncDiagnosis.Verdict?
        /// People whose latest pull or push failed, with the likely cause.
        public var failingPeople: [Person] = []
        /// Recent deletes that found the event already deleted by its person (404): done, nothing to fix.
        public var alreadyDeleted: [PushKey] = []

        public init(integrationId: String, name: String, connection: String) {
            self.integrationId = integrationId
            self.name = name
            self.connection = connection
        }

        public var healthy: Bool { !findings.contains { $0.severity == .problem } }

        public func finding(_ check: Check) -> Finding? { findings.first { $0.check == check } }

        mutating func add(_ check: Check, _ severity: Severity, _ summary: String, details: [String] = []) {
            findings.append(Finding(check, severity, summary, details: details))
        }
    }

    public var integrations: [IntegrationReport]
    /// Problems outside any one integration (e.g. none configured).
    public var generalProblems: [String]
    /// Remarks shown in the header (e.g. no database yet).
    public var notes: [String]

    public init(integrations: [IntegrationReport], generalProblems: [String] = [], notes: [String] = []) {
        self.integrations = integrations
        self.generalProblems = generalProblems
        self.notes = notes
    }

    public var healthy: Bool { generalProblems.isEmpty && integrations.allSatisfy(\.healthy) }

    public func integration(_ id: String) -> IntegrationReport? { integrations.first { $0.integrationId == id } }

    /// The report for people: one block per integration, one line per check, details indented.
    public var text: String {
        var lines = ["CalSync doctor: \(integrations.count) integration\(integrations.count == 1 ? "" : "s")"]
        lines += notes.map { "  note: \($0)" }
        lines += generalProblems.map { "  \(Severity.problem.marker) \($0)" }
        for report in integrations {
            lines.append("")
            lines.append("\(report.name) (\(report.integrationId)): \(report.connection)")
            for finding in report.findings {
                let label = finding.check.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                lines.append("  \(finding.severity.marker) \(label)\(finding.summary)")
                lines += finding.details.map { "              \(String(repeating: " ", count: 16))- \($0)" }
            }
        }
        lines.append("")
        let failing = integrations.filter { !$0.healthy }.count
        if healthy {
            lines.append("Healthy: no problems found.")
        } else if failing > 0 {
            lines.append(
                "Problems found in \(failing) of \(integrations.count) integration\(integrations.count == 1 ? "" : "s").")
        } else {
            lines.append("Problems found.")
        }
        return lines.joined(separator: "\n")
    }
}
