import CalSyncCore

/// The operations log (Lucca's synchronization monitoring): filters by status, person and integration; each
/// operation links to its detail.
enum OperationsPage {
    struct Filter: Sendable {
        var status: OperationState?
        var instructorId: String?
        var integrationId: String?
        var after: Int64?

        init(_ request: AdminRequest) throws {
            if let text = request.query("status") {
                guard let status = OperationState(rawValue: text) else {
                    let states = OperationState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AdminError(400, "`status` must be one of: \(states).", field: "status")
                }
                self.status = status
            }
            for name in ["instructorId", "integrationId"] {
                guard let value = request.query(name) else { continue }
                guard value.count <= 256 else { throw AdminError(400, "`\(name)` is too long.", field: name) }
                if name == "instructorId" { instructorId = value } else { integrationId = value }
            }
            if let text = request.query("after") {
                guard let id = OperationRepresentation.id(text) else {
                    throw AdminError(400, "`after` must be an operation number.", field: "after")
                }
                after = id
            }
        }

        func query(after: Int64?) -> [(String, String?)] {
            [("status", status?.rawValue), ("instructorId", instructorId), ("integrationId", integrationId),
             ("after", after.map(String.init))]
        }
    }

    static func render(_ operations: [OperationRecord], more: Bool, filter: Filter, people: [Instructor],
                       integrations: [Integration], session: AdminSession, flash: String?) -> HTML {
        let statuses =
            [(value: "", label: "any")]
            + ["error", "retrying", "pending", "success", "processed"].map { (value: $0, label: $0) }
        let personChoices = [(value: "", label: "anyone")] + people.map { (value: $0.id, label: "\($0.name) (\($0.id))") }
        let integrationChoices = [(value: "", label: "any")] + integrations.map { (value: $0.id, label: $0.name) }
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let integrationNames = Dictionary(integrations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = operations.map { row($0, person: names[$0.key.instructorId], integration: integrationNames[$0.key.integrationId]) }
        let table: HTML =
            operations.isEmpty
            ? "<p>No operation matches.</p>"
            : """
            <table><caption>Operations, oldest first</caption>
            <thead><tr><th scope="col">#</th><th scope="col">Created</th><th scope="col">Person</th>
            <th scope="col">Integration</th><th scope="col">Item</th><th scope="col">Action</th><th scope="col">Status</th>
            <th scope="col">Attempts</th><th scope="col">Error</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let next: HTML =
            more
            ? "<p><a href=\"\(AdminPaths.with(AdminPaths.operations, filter.query(after: operations.last?.id)))\">Next page</a></p>"
            : .empty
        return AdminLayout.page(
            "Operations log", session: session, current: .operations, flash: flash,
            """
            <form class="card row" method="get" action="\(AdminPaths.operations)" data-autosubmit>
            <div><label for="f-status">Status</label><select id="f-status" name="status">\(Widgets.options(statuses, selected: filter.status?.rawValue ?? ""))</select></div>
            <div><label for="f-person">Person</label><select id="f-person" name="instructorId">\(Widgets.options(personChoices, selected: filter.instructorId ?? ""))</select></div>
            <div><label for="f-integration">Integration</label><select id="f-integration" name="integrationId">\(Widgets.options(integrationChoices, selected: filter.integrationId ?? ""))</select></div>
            <button type="submit">Filter</button>
            </form>
            \(table)
            \(next)
            """)
    }

    /// "absence <code>a-1</code> (days)": the scheduler's id, and which calendar entry of an absence.
    static func item(_ key: PushKey) -> HTML {
        let part: HTML = key.part.map { " (\(HTML.text($0)))" } ?? .empty
        return "\(key.itemKind.rawValue) <code>\(key.schedulerItemId)</code>\(part)"
    }

    static func row(_ operation: OperationRecord, person: String?, integration: String?) -> HTML {
        let error: HTML = operation.errorCode.map { "<code>\($0)</code>" } ?? (operation.note.map { HTML.text($0) } ?? "—")
        return """
            <tr><th scope="row"><a href="\(AdminPaths.operation(operation.id))">\(String(operation.id))</a></th>
            <td>\(Widgets.instant(operation.createdAt))</td><td>\(person ?? operation.key.instructorId)</td>
            <td>\(integration ?? operation.key.integrationId)</td>
            <td>\(item(operation.key))</td>
            <td>\(operation.action.rawValue)</td><td>\(Widgets.badge(operation.state.rawValue))</td>
            <td>\(operation.attempts)</td><td>\(error)</td></tr>
            """
    }
}
