import CalSyncCore

/// One operation (Lucca's event detail): what it pushes where, its status, attempts, error code, HTTP status,
/// message and note; retry (failed ones) and mark as processed (failed or pending ones).
enum OperationPage {
    static func render(_ operation: OperationRecord, personName: String?, integrationName: String?, session: AdminSession,
                       flash: String?) -> HTML {
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
        let integration = integrationName ?? "\(key.integrationId) (removed)"
        let httpStatus = operation.httpStatus.map(String.init) ?? "—"
        return AdminLayout.page(
            "Operation \(operation.id)", session: session, current: .operations, flash: flash,
            """
            <p><a href="\(AdminPaths.with(AdminPaths.operations, [("instructorId", key.instructorId)]))">This person's operations</a>
            · <a href="\(AdminPaths.operations)">All operations</a></p>
            <dl class="facts card">
            <dt>Status</dt><dd>\(Widgets.badge(operation.state.rawValue))</dd>
            <dt>Action</dt><dd>\(operation.action.rawValue) of \(OperationsPage.item(key))</dd>
            <dt>Person</dt><dd>\(person)</dd>
            <dt>Integration</dt><dd>\(integration)</dd>
            <dt>Attempts</dt><dd>\(operation.attempts)</dd>
            <dt>Created</dt><dd>\(Widgets.instant(operation.createdAt))</dd>
            <dt>Last attempt</dt><dd>\(Widgets.instant(operation.lastAttemptAt))</dd>
            <dt>Calendar event id</dt><dd>\(Widgets.optional(operation.externalId))</dd>
            <dt>Error code</dt><dd>\(Widgets.optional(operation.errorCode))</dd>
            <dt>HTTP status</dt><dd>\(httpStatus)</dd>
            <dt>Message</dt><dd>\(Widgets.optional(operation.errorMessage))</dd>
            <dt>Note</dt><dd>\(Widgets.optional(operation.note))</dd>
            </dl>
            <div class="actions">\(actions)</div>
            """)
    }
}
