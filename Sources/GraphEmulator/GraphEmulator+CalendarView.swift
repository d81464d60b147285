import CalSyncCore
import Foundation

// MARK: - GET /users/{id}/calendarView (docs/microsoft-365.md §3a)

extension GraphEmulator {
    static let maxWindowDays = 1825

    func calendarView(_ key: String, token: AccessTokenRecord, _ context: inout RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.calendarRead) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        let window = try calendarWindow(context)
        let query = try EventQuery(context, defaultTop: configuration.calendarViewDefaultPageSize)
        var descending = false
        if let orderBy = context.query("$orderby") {
            let parts = orderBy.split(separator: " ").map { $0.lowercased() }
            guard let first = parts.first, first == "start/datetime", parts.count <= 2,
                parts.count == 1 || parts[1] == "asc" || parts[1] == "desc"
            else { throw GraphError.unknownProperty(orderBy) }
            descending = parts.count == 2 && parts[1] == "desc"
        }
        var renderer = EventQuery.renderer(&context, zones: zones)
        renderer.select = query.select
        renderer.expandedPropertyIds = query.expandedPropertyIds
        var instances = state.withLock { $0.mailboxes[user.id]?.instances(in: window) ?? [] }
        if descending { instances.reverse() }
        let page = instances.dropFirst(query.skip).prefix(query.top)
        var body: [String: EmulatorJSON] = [
            "@odata.context": .string(context.serviceRoot + "/$metadata#users('\(user.id)')/calendarView"),
            "value": .array(page.map { renderer.render($0, owner: user) }),
        ]
        if query.skip + page.count < instances.count {
            body["@odata.nextLink"] = .string(pageLink(context, top: query.top, skip: query.skip + page.count))
        }
        return .ok(.object(body))
    }

    /// Outlook pages calendarView and `/events` with `$top` + `$skip` in the nextLink.
    func pageLink(_ context: RequestContext, top: Int, skip: Int) -> String {
        var query = context.request.query.filter { !["$top", "$skip", "top", "skip"].contains($0.name.lowercased()) }
            .map { ($0.name, $0.value) }
        query.append(("$top", String(top)))
        query.append(("$skip", String(skip)))
        return context.link(path: context.versionedPath, query: query)
    }

    /// Reads `startDateTime`/`endDateTime`: both required, offset honoured, no offset ⇒ UTC, at most
    /// 1825 days apart. `Prefer: outlook.timezone` does not affect them (DOC).
    func calendarWindow(_ context: RequestContext) throws(GraphError) -> TimeRange {
        guard let startText = context.query("startDateTime"), let endText = context.query("endDateTime") else {
            throw GraphError(
                status: 400, code: "ErrorInvalidParameter",
                message:
                    "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.")
        }
        func instant(_ text: String, _ name: String) throws(GraphError) -> Date {
            // An unencoded `+` in an offset arrives as a space.
            let repaired = text.replacingOccurrences(of: " ", with: "+")
            guard let date = Timestamp.parse(repaired, requireOffset: false) else {
                throw GraphError(
                    status: 400, code: "ErrorInvalidParameter", message: "The value '\(text)' of parameter '\(name)' is invalid.")
            }
            return date
        }
        let start = try instant(startText, "StartDateTime")
        let end = try instant(endText, "EndDateTime")
        guard end.timeIntervalSince(start) <= Double(Self.maxWindowDays) * 86_400 else {
            throw GraphError.invalidRequest(
                "The range between the start and end dates is greater than the allowed range. Maximum number of days: \(Self.maxWindowDays)"
            )
        }
        return TimeRange(start: start, end: end)
    }
}
