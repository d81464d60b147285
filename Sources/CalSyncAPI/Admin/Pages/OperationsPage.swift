import CalSyncCore
import Foundation

/// The operations log (Lucca's synchronization monitoring), newest first: filters by status, person, integration
/// and creation date (in the viewer's zone); each operation links to its detail; failed and pending ones can be
/// ticked and retried or marked processed together.
enum OperationsPage {
    struct Filter: Sendable {
        var status: OperationState?
        var instructorId: String?
        var integrationId: String?
        /// Created on or after this day, on or before that one (days in the viewer's zone).
        var from: LocalDate?
        var to: LocalDate?
        /// Paging: operations older than this one.
        var before: Int64?

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
            for name in ["from", "to"] {
                guard let text = request.query(name) else { continue }
                guard let date = LocalDate(text), (1...9998).contains(date.year) else {
                    throw AdminError(400, "`\(name)` must be a date written YYYY-MM-DD.", field: name)
                }
                if name == "from" { from = date } else { to = date }
            }
            if let from, let to, to < from {
                throw AdminError(400, "`to` (\(to)) is before `from` (\(from)).", field: "to")
            }
            if let text = request.query("before") {
                guard let id = OperationRepresentation.id(text) else {
                    throw AdminError(400, "`before` must be an operation number.", field: "before")
                }
                before = id
            }
        }

        func query(before: Int64?) -> [(String, String?)] {
            [
                ("status", status?.rawValue), ("instructorId", instructorId), ("integrationId", integrationId),
                ("from", from?.description), ("to", to?.description), ("before", before.map(String.init)),
            ]
        }

        /// The creation times the dates cover, in `zone`: from the start of `from` to the end of `to`.
        func created(in zone: TimeZone) -> (from: Date?, before: Date?) {
            (from?.startOfDay(in: zone), to?.adding(days: 1).startOfDay(in: zone))
        }
    }

    static func render(
        _ operations: [OperationRecord], more: Bool, filter: Filter, people: [Instructor],
        integrations: [Integration], labels: ItemLabels, session: AdminSession, flash: String?,
        zone: DisplayZone, vocabularies: ProviderVocabularies
    ) -> HTML {
        let statuses =
            [(value: "", label: "any")]
            + ["error", "retrying", "pending", "success", "processed"].map { (value: $0, label: $0) }
        let personChoices = [(value: "", label: "anyone")] + people.map { (value: $0.id, label: "\($0.name) (\($0.id))") }
        let integrationChoices = [(value: "", label: "any")] + integrations.map { (value: $0.id, label: $0.name) }
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let integrationNames = Dictionary(integrations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = operations.map {
            row(
                $0, person: names[$0.key.instructorId], integration: integrationNames[$0.key.integrationId], labels: labels,
                zone: zone, vocabularies: vocabularies)
        }
        let table: HTML =
            operations.isEmpty
            ? "<p>No operation matches.</p>"
            : """
            <form method="post" action="\(AdminPaths.operationsBulk)">\(Widgets.csrf(session))
            <input type="hidden" name="return" value="\(zone.here)">
            <table><caption>Operations, newest first (times in \(zone.identifier)); tick failed or pending ones to act on them together</caption>
            <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">#</th>
            <th scope="col">Created</th><th scope="col">Person</th>
            <th scope="col">Integration</th><th scope="col">Item</th><th scope="col">Action</th><th scope="col">Status</th>
            <th scope="col">Attempts</th><th scope="col">Error</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p class="actions"><button type="submit" name="action" value="retry">Retry selected</button>
            <button type="submit" name="action" value="mark-processed" class="secondary">Mark selected processed</button></p>
            </form>
            """
        let next: HTML =
            more
            ? "<p><a href=\"\(AdminPaths.with(AdminPaths.operations, filter.query(before: operations.last?.id)))\">Older operations</a></p>"
            : .empty
        return AdminLayout.page(
            "Operations log", session: session, current: .operations, flash: flash, zone: zone,
            """
            <form class="card row" method="get" action="\(AdminPaths.operations)" data-autosubmit>
            <div><label for="f-status">Status</label><select id="f-status" name="status">\(Widgets.options(statuses, selected: filter.status?.rawValue ?? ""))</select></div>
            <div><label for="f-person">Person</label><select id="f-person" name="instructorId">\(Widgets.options(personChoices, selected: filter.instructorId ?? ""))</select></div>
            <div><label for="f-integration">Integration</label><select id="f-integration" name="integrationId">\(Widgets.options(integrationChoices, selected: filter.integrationId ?? ""))</select></div>
            <div><label for="f-from">Created from</label><input id="f-from" name="from" type="date" value="\(filter.from?.description ?? "")"></div>
            <div><label for="f-to">to</label><input id="f-to" name="to" type="date" value="\(filter.to?.description ?? "")"></div>
            <button type="submit">Filter</button>
            </form>
            \(table)
            \(next)
            """)
    }

    /// "absence <code>a-1</code> (days) — Paid leave": the scheduler's id, which calendar entry of an absence, and
    /// the event's title or the absence's account when known.
    static func item(_ key: PushKey, labels: ItemLabels) -> HTML {
        let part: HTML = key.part.map { " (\(HTML.text($0)))" } ?? .empty
        let label: HTML = labels.label(key).map { " \($0)" } ?? .empty
        return "\(key.itemKind.rawValue) <code>\(key.schedulerItemId)</code>\(part)\(label)"
    }

    static func row(
        _ operation: OperationRecord, person: String?, integration: String?, labels: ItemLabels,
        zone: DisplayZone, vocabularies: ProviderVocabularies
    ) -> HTML {
        var error: HTML = operation.errorCode.map { "<code>\($0)</code>" } ?? (operation.note.map { HTML.text($0) } ?? "—")
        if let meaning = Widgets.explanation(
            code: operation.errorCode, httpStatus: operation.httpStatus, vocabularies: vocabularies, fix: false)
        {
            error = error + "<br>" + meaning
        }
        let id = String(operation.id)
        // Failed ones can be retried; failed and waiting ones (first try or next) marked processed.
        let actionable = operation.status == .error || operation.status == .pending
        let select: HTML =
            actionable
            ? "<input type=\"checkbox\" name=\"id\" value=\"\(id)\" id=\"op-\(id)\" aria-label=\"Select operation \(id)\">"
            : .empty
        let key = operation.key
        return """
            <tr><td>\(select)</td><th scope="row"><a href="\(AdminPaths.operation(operation.id))">\(id)</a></th>
            <td>\(zone.instant(operation.createdAt))</td><td>\(person ?? key.instructorId)</td>
            <td>\(integration ?? key.integrationId)</td>
            <td>\(item(key, labels: labels))</td>
            <td>\(operation.action.rawValue)</td><td>\(Widgets.badge(operation.state.rawValue))</td>
            <td>\(operation.attempts)</td><td>\(error)</td></tr>
            """
    }
}
