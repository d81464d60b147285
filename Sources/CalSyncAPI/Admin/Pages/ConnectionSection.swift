import CalSyncCore
import CalSyncWorker

/// The "Connection" section of an integration's page: the "Test connection" button and, after it, what the doctor's
/// checks found (token, permissions, directory, matching, a few mailboxes), each with what to fix. Nothing changes.
enum ConnectionSection {
    /// The outcome of a test.
    enum Result: Sendable {
        case checked(DoctorReport.IntegrationReport)
        /// The checks did not finish in time (the sign-in or the calendar service is not answering).
        case timedOut(seconds: Int)
    }

    /// - Parameter advice: the calendar system's words for what to check.
    static func render(
        _ integrationId: String, result: Result?, available: Bool, advice: ConnectionAdvice, session: AdminSession
    ) -> HTML {
        let button: HTML =
            available
            ? Widgets.button("Test connection", action: AdminPaths.integrationAction(integrationId, "test"), session: session)
            : "<span class=\"muted\">Not available here: run <code>calsync doctor</code>.</span>"
        return """
            <section aria-labelledby="connection-h"><h2 id="connection-h">Connection</h2>
            <p class="muted">Checks the token, the permissions it carries, the directory and a few mailboxes, as \
            <code>calsync doctor</code> does; nothing is changed. \(button)</p>
            \(result.map { outcome($0, advice: advice) })
            </section>
            """
    }

    static func outcome(_ result: Result, advice: ConnectionAdvice) -> HTML {
        switch result {
        case .timedOut(let seconds):
            return """
                <div class="card stale" role="status"><p><strong>No answer within \(seconds) s:</strong> \
                \(advice.notAnswering)</p></div>
                """
        case .checked(let report):
            let verdict: HTML
            if report.healthy {
                verdict = "<p>\(Widgets.badge("ok")) <strong>The connection works.</strong></p>"
            } else if connects(report) {
                verdict = "<p>\(Widgets.badge("ok")) <strong>The connection works</strong>, but some people need attention:</p>"
            } else {
                verdict = "<p>\(Widgets.badge("error")) <strong>The connection does not work:</strong></p>"
            }
            let items = report.findings.map { finding -> HTML in
                let details = finding.details.map { detail -> HTML in "<li>\(detail)</li>" }
                let list: HTML = details.isEmpty ? .empty : "<ul>\(details)</ul>"
                return """
                    <li class="check-\(finding.severity.rawValue)">\(Widgets.badge(word(finding.severity))) \
                    <strong>\(finding.check.rawValue)</strong>: \(finding.summary)\(list)</li>
                    """
            }
            return """
                <div class="card\(report.healthy ? "" : " stale")" role="status">\(verdict)
                <ul class="checks">\(items)</ul><p class="muted">\(report.connection)</p></div>
                """
        }
    }

    /// Whether CalSync reaches the tenant: no problem with the configuration, the token, its permissions or the
    /// directory (matching and mailboxes are about people).
    static func connects(_ report: DoctorReport.IntegrationReport) -> Bool {
        !report.findings.contains { finding in
            finding.severity == .problem && [.configuration, .token, .consent, .directory].contains(finding.check)
        }
    }

    static func word(_ severity: DoctorReport.Severity) -> String {
        switch severity {
        case .ok: "ok"
        case .info: "info"
        case .problem: "error"
        }
    }
}
