import CalSyncCore
import CalSyncStore
import CalSyncWorker

/// The sync status (Lucca's monitoring header): whether a run is going, the last and next run, the operations
/// retrying, failed and waiting, each integration's health with its diagnosis (a raw last error with what it
/// means), and a "Sync now" button.
enum StatusPage {
    static func render(
        _ report: SyncStatusReport, operations: [OperationState: Int], session: AdminSession, flash: String?,
        zone: DisplayZone, vocabularies: ProviderVocabularies
    ) -> HTML {
        AdminLayout.page(
            "Sync status", session: session, current: .status, flash: flash, zone: zone,
            """
            <section aria-labelledby="runs"><h2 id="runs">Runs</h2>
            <dl class="facts">
            <dt>Now</dt><dd>\(report.running ? "a sync is running" : "idle")</dd>
            <dt>Next run</dt><dd>\(zone.instant(report.nextRunAt, never: "not scheduled"))</dd>
            \(lastRun(report.lastRun, zone: zone))
            <dt>Operations</dt><dd>\(operationCounts(operations))</dd>
            </dl>
            \(syncForm(report, session: session))
            </section>
            <section aria-labelledby="health"><h2 id="health">Integrations</h2>
            \(integrations(report, zone: zone, vocabularies: vocabularies))
            </section>
            """)
    }

    static func lastRun(_ run: SyncRunRecord?, zone: DisplayZone) -> HTML {
        guard let run else { return "<dt>Last run</dt><dd>none yet</dd>" }
        let finished: HTML = run.finishedAt == nil ? "still running" : "finished \(zone.instant(run.finishedAt))"
        return """
            <dt>Last run</dt><dd>#\(String(run.id)), started \(zone.instant(run.startedAt)), \(finished)</dd>
            <dt>Last run's work</dt><dd>\(run.instructors) instructors, \(run.pulled) pulled, \(run.pushed) pushed, \
            \(run.errors) errors</dd>
            """
    }

    /// "2 retrying, 1 failed, 0 waiting", each linking to the operations log filtered on it.
    static func operationCounts(_ counts: [OperationState: Int]) -> HTML {
        let shown: [(OperationState, String)] = [(.retrying, "retrying"), (.error, "failed"), (.pending, "waiting")]
        return HTML.joined(
            shown.map { (state, label) -> HTML in
                "<a href=\"\(AdminPaths.with(AdminPaths.operations, [("status", state.rawValue)]))\">\(String(counts[state] ?? 0)) \(label)</a>"
            }, separator: ", ")
    }

    static func syncForm(_ report: SyncStatusReport, session: AdminSession) -> HTML {
        let choices =
            [("", "every active integration")]
            + report.integrations.filter { $0.integration.status == .active }.map { ($0.integration.id, $0.integration.name) }
        return """
            <form class="card row" method="post" action="\(AdminPaths.syncNow)">\(Widgets.csrf(session))
            <label for="sync-integration">Sync</label>
            <select id="sync-integration" name="integrationId">\(Widgets.options(choices.map { (value: $0.0, label: $0.1) }, selected: ""))</select>
            <button type="submit">Sync now</button>
            </form>
            """
    }

    static func integrations(_ report: SyncStatusReport, zone: DisplayZone, vocabularies: ProviderVocabularies) -> HTML {
        guard !report.integrations.isEmpty else {
            return "<p>No integration yet. <a href=\"\(AdminPaths.integrations)\">Create one</a>.</p>"
        }
        let rows = report.integrations.map { health -> HTML in
            let error: HTML =
                health.lastError.map { last -> HTML in
                    let context = ErrorExplanation.Context(health.integration)
                    let meaning = Widgets.explanation(
                        code: last.code, httpStatus: nil, context: context, vocabularies: vocabularies
                    ).map {
                        "<br>\($0)" as HTML
                    }
                    return "<code>\(last.code)</code> \(last.message) (\(zone.instant(last.at)))\(meaning)"
                } ?? "none"
            return """
                <tr><th scope="row"><a href="\(AdminPaths.integration(health.integration.id))">\(health.integration.name)</a></th>
                <td>\(Widgets.badge(health.integration.status.rawValue))</td>
                <td>\(zone.instant(health.lastSuccessAt))</td><td>\(error)</td><td>\(health.diagnosis)</td></tr>
                """
        }
        return """
            <table><caption>Health and diagnosis of each integration</caption>
            <thead><tr><th scope="col">Integration</th><th scope="col">Status</th><th scope="col">Last success</th>
            <th scope="col">Last error</th><th scope="col">Diagnosis</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}
