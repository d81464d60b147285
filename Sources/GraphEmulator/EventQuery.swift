import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// Query options shared by calendarView, `/events` and single-event GETs: `$select`, `$expand`
/// (only `singleValueExtendedProperties($filter=id eq '…')`), `$top`/`$skip`, and the rendering
/// preferences from the `Prefer` header.
struct EventQuery: Sendable {
    var select: Set<String>?
    var expandedPropertyIds: [String]?
    var top: Int
    var skip: Int

    init(_ context: RequestContext, defaultTop: Int) throws(GraphError) {
        top = defaultTop
        skip = 0
        if let text = context.query("$top") {
            guard let n = Int(text), (1...1000).contains(n) else {
                throw GraphError(
                    status: 400, code: "ErrorInvalidParameter",
                    message: "The value '\(text)' of parameter 'Top' is invalid. It must be between 1 and 1000.")
            }
            top = n
        }
        if let text = context.query("$skip") {
            guard let n = Int(text), n >= 0 else {
                throw GraphError(
                    status: 400, code: "ErrorInvalidParameter", message: "The value '\(text)' of parameter 'Skip' is invalid.")
            }
            skip = n
        }
        if let text = context.query("$select") {
            var names: Set<String> = []
            for raw in text.split(separator: ",") {
                let name = raw.trimmingCharacters(in: .whitespaces)
                guard let known = EventRenderer.selectable.first(where: { $0.lowercased() == name.lowercased() }) else {
                    throw GraphError.unknownProperty(name)
                }
                names.insert(known)
            }
            select = names
        }
        if let text = context.query("$expand") {
            expandedPropertyIds = try Self.parseExpand(text)
        }
    }

    /// `singleValueExtendedProperties($filter=id eq 'A' or id eq 'B')`
    static func parseExpand(_ text: String) throws(GraphError) -> [String] {
        let bad = GraphError(
            status: 400, code: "BadRequest",
            message: "Parsing OData Select and Expand failed: only singleValueExtendedProperties($filter=id eq '…') is supported."
        )
        guard let t = ODataLexer.tokenize(text), t.count >= 7, t[0].lowerWord == "singlevalueextendedproperties",
            t[1] == .punct("("), t[2].lowerWord == "$filter", t[3] == .punct("="), t.last == .punct(")")
        else { throw bad }
        var ids: [String] = []
        for clause in ODataLexer.split(Array(t[4..<(t.count - 1)]), on: "or") {
            guard clause.count == 3, clause[0].lowerWord == "id", clause[1].lowerWord == "eq", case .string(let id) = clause[2]
            else { throw bad }
            ids.append(id)
        }
        return ids
    }

    /// The renderer for this request, recording applied preferences in the context.
    static func renderer(_ context: inout RequestContext, zones: WindowsZones) -> EventRenderer {
        var renderer = EventRenderer(zone: GraphDateFormat.utc, zoneLabel: "UTC")
        if let name = context.prefer.timeZone, let zone = zones.timeZone(named: name) {
            renderer.zone = zone
            renderer.zoneLabel = name
            context.appliedPreferences.append("outlook.timezone=\"\(name)\"")
        }
        if let type = context.prefer.bodyContentType, type == "text" || type == "html" {
            renderer.bodyContentType = type
            context.appliedPreferences.append("outlook.body-content-type=\"\(type)\"")
        }
        if let idType = context.prefer.idType, idType.lowercased() == "immutableid" {
            // Ids are immutable in the emulator already; the preference is honoured trivially.
            context.appliedPreferences.append("IdType=\"ImmutableId\"")
        }
        return renderer
    }
}
