import CalSyncCore
import CalSyncWorker

/// One operation (Lucca's event detail): what it pushes where, its status, attempts, error code, HTTP status,
/// message and what they mean, and note; retry (failed ones) and mark as processed (failed or pending ones).
enum OperationPage {
    static func render(
        _ operation: OperationRecord, personName: String?, integration: Integration?, labels: ItemLabels,
        session: AdminSession, flash: String?, zone: DisplayZone, vocabularies: ProviderVocabularies
    ) -> HTML {
        let key = operation.key
        var actions: [HTML] = []
        if operation.status == .error {
            actions.append(Widgets.button("Retry", action: AdminPaths.operationAction(operation.id, "retry"), session: session))
        }
        if operation.status == .error || operation.status == .pending {
            actions.append(
                Widgets.button(
                    "Mark as processed", action: AdminPaths.operationAction(operation.id, "mark-processed"), session: session,
                    style: "secondary", confirm: "Mark this operation as processed? It will never be retried."))
        }
        let person = personName.map { "\($0) (\(key.instructorId))" } ?? key.instructorId
        let integrationName = integration?.name ?? "\(key.integrationId) (removed)"
        let httpStatus = operation.httpStatus.map(String.init) ?? "—"
        let context = integration.map { ErrorExplanation.Context($0) } ?? ErrorExplanation.Context()
        let meaning: HTML =
            Widgets.explanation(
                code: operation.errorCode, httpStatus: operation.httpStatus, context: context, vocabularies: vocabularies
            ).map {
                "<dt>What it means</dt><dd>\($0)</dd>"
            } ?? .empty
        return AdminLayout.page(
            "Operation \(operation.id)", session: session, current: .operations, flash: flash, zone: zone,
            """
            <p><a href="\(AdminPaths.with(AdminPaths.operations, [("instructorId", key.instructorId)]))">This person's operations</a>
            · <a href="\(AdminPaths.operations)">All operations</a></p>
            <dl class="facts card">
            <dt>Status</dt><dd>\(Widgets.badge(operation.state.rawValue))</dd>
            <dt>Action</dt><dd>\(operation.action.rawValue) of \(OperationsPage.item(key, labels: labels))</dd>
            <dt>Person</dt><dd>\(person)</dd>
            <dt>Integration</dt><dd>\(integrationName)</dd>
            <dt>Attempts</dt><dd>\(operation.attempts)</dd>
            <dt>Created</dt><dd>\(zone.instant(operation.createdAt))</dd>
            <dt>Last attempt</dt><dd>\(zone.instant(operation.lastAttemptAt))</dd>
            <dt>Calendar event id</dt><dd>\(Widgets.optional(operation.externalId))</dd>
            <dt>Error code</dt><dd>\(Widgets.optional(operation.errorCode))</dd>
            <dt>HTTP status</dt><dd>\(httpStatus)</dd>
            <dt>Message</dt><dd>\(Widgets.optional(operation.errorMessage))</dd>
            \(meaning)
            <dt>Note</dt><dd>\(Widgets.optional(operation.note))</dd>
            </dl>
            <div class="actions">\(actions)</div>
            """)
    }
}
