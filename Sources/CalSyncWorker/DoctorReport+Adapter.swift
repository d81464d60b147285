import CalSyncCore

extension DoctorReport.Check {
    /// The check an adapter's finding is about.
    init(_ check: ConnectionFinding.Check) {
        switch check {
        case .configuration: self = .configuration
        case .token: self = .token
        case .consent: self = .consent
        }
    }
}

extension DoctorReport.Severity {
    init(_ severity: ConnectionFinding.Severity) {
        switch severity {
        case .ok: self = .ok
        case .info: self = .info
        case .problem: self = .problem
        }
    }
}
